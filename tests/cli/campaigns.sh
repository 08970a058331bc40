#!/bin/bash
# tests/cli/campaigns.sh: marketing campaigns through the built binary
# (issue 14): add, members by tag, search and ids (frozen: a tag given to
# more contacts later does not change the members), marks going forward
# only, deal add --campaign, import --campaign (and its undo), the exact
# figures of `report campaigns` on a known data set (text and CSV), the
# audit trail, and a bad-input table asserting the one-line error, the
# exit status and that nothing changed (sqlite3 .dump before and after).
#
#   campaigns.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-campaigns.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-04-20 10:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
. "$(dirname "$0")/lib.sh"
DB=$W/campaigns.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }

t init >/dev/null
t company add "Acme Ltd" >/dev/null
for n in "Anna Silva" "Bob Li" "Carl Wu" "Dora Ma"; do
    t contact add "$n" --company "Acme Ltd" --tag fair >/dev/null
done
t contact add "Eve Zhao" >/dev/null

# ---- add ---------------------------------------------------------------------
same add-1 "$(t campaign add Spring fair --kind event --start 2026-03-01 --end 2026-03-31 --budget 5,000 --cost 3000)" \
    "added campaign 1: Spring fair (event)"
same add-2 "$(t campaign add Mail shot --kind email --cost 400)" \
    "added campaign 2: Mail shot (email)"

# ---- members: frozen ---------------------------------------------------------------
same by-tag "$(t campaign members 1 --add --tag fair)" \
    "Spring fair (campaign 1): added 4 members"
t contact edit 5 --tag fair >/dev/null
same tag-grew "$("$SQLITE" "$DB" "SELECT count(*) FROM taggings t JOIN tags g ON g.id = t.tag_id WHERE g.name = 'fair'")" "5"
same frozen "$("$SQLITE" "$DB" "SELECT group_concat(contact_id) FROM campaign_members WHERE campaign_id = 1")" "1,2,3,4"
same by-ids "$(t campaign members 2 --add --contact 1 5 2)" \
    "Mail shot (campaign 2): added 3 members"
same again "$(t campaign members 2 --add --search 'anna')" \
"Mail shot (campaign 2): added 0 members
  1 contact was already a member"
same remove "$(t campaign members 'mail shot' --remove --contact 2)" \
    "Mail shot (campaign 2): took out 1 member"

# ---- marks -------------------------------------------------------------------------
same mark-1 "$(t campaign mark 1 1 contacted)" \
    "Spring fair (campaign 1): contact 1 is now contacted"
t campaign mark 1 2 responded >/dev/null      # fills contacted too
t campaign mark 1 3 converted >/dev/null
t campaign mark 2 1 responded >/dev/null
same reached "$("$SQLITE" "$DB" "SELECT contact_id, state, contacted_at IS NOT NULL, responded_at IS NOT NULL, converted_at IS NOT NULL FROM campaign_members WHERE campaign_id = 1 ORDER BY 1")" \
"1|contacted|1|0|0
2|responded|1|1|0
3|converted|1|1|1
4|targeted|0|0|0"

# ---- deals and imports it brought -------------------------------------------------
same deal "$(t deal add Booth order --contact 3 --amount 2,000 --currency CNY --campaign 1)" \
    "added deal 1: Booth order (2,000.00 CNY, Lead)"
t deal add Follow on --contact 2 --amount 500 --currency CNY --campaign 'spring fair' >/dev/null
t deal add Export --contact 1 --amount 300 --currency USD --campaign 1 >/dev/null
t deal add Lost one --contact 4 --amount 900 --currency CNY --campaign 1 >/dev/null
t deal add Unrelated --contact 4 --amount 7000 --currency CNY >/dev/null
t deal won 1 >/dev/null; t deal won 3 >/dev/null
t deal lost 4 --reason price >/dev/null
same deal-campaign "$("$SQLITE" "$DB" "SELECT group_concat(ifnull(campaign_id, '-')) FROM deals")" "1,1,1,1,-"

printf 'name,email\nFay Qi,fay@example.com\nGus Ho,gus@example.com\n' > in.csv
same import "$(t import in.csv --campaign 2 | tail -n 2)" \
"2 contacts added to campaign 2
import 1 (undo with: tcrm import undo 1)"
same brought "$("$SQLITE" "$DB" "SELECT group_concat(id) FROM contacts WHERE campaign_id = 2")" "6,7"
same import-members "$("$SQLITE" "$DB" "SELECT members_n FROM campaigns WHERE id = 2")" "4"
printf 'name\nHal Yu\n' > in2.csv
t import in2.csv --campaign 2 >/dev/null
t import undo 2 >/dev/null
same undo-members "$("$SQLITE" "$DB" "SELECT members_n, (SELECT count(*) FROM campaign_members WHERE campaign_id = 2) FROM campaigns WHERE id = 2")" "4|4"

# ---- the figures -------------------------------------------------------------------
t rate add USD 7.00 --date 2026-04-01 >/dev/null
same report-csv "$(t report campaigns --format csv | tail -n +4)" \
'section,id,campaign,kind,start,end,budget,budget currency,cost,cost currency,members,contacted,responded,converted,brought,deals,won,per response,per response currency,per won deal,per won deal currency,return
campaigns,1,Spring fair,event,2026-03-01,2026-03-31,5000.00,CNY,3000.00,CNY,4,3,2,1,0,4,2,1500.00,CNY,1500.00,CNY,36.7
campaigns,2,Mail shot,email,,,,,400.00,CNY,4,1,1,0,2,0,0,400.00,CNY,,,-100.0

section,id,campaign,won revenue,won revenue currency
revenue,1,Spring fair,2000.00,CNY
revenue,1,Spring fair,300.00,USD'
same report-text "$(t report campaigns | sed -n '6,$p')" \
'
Reach
-----
Campaign     Kind   Members  Contacted  Responded  Converted  Response
-----------  -----  -------  ---------  ---------  ---------  --------
Spring fair  event        4          3          2          1     50.0%
Mail shot    email        4          1          1          0     25.0%

Deals brought
-------------
Campaign     Deals  Won   Won revenue
-----------  -----  ---  ------------
Spring fair      4    2  2,000.00 CNY
                           300.00 USD
Mail shot        0    0

Cost and return
---------------
Campaign             Cost  Per response  Per won deal   Return
-----------  ------------  ------------  ------------  -------
Spring fair  3,000.00 CNY  1,500.00 CNY  1,500.00 CNY    36.7%
Mail shot      400.00 CNY    400.00 CNY                -100.0%

Responses by campaign
Spring fair  ███████████████████████████████████████████████████  2 of 4 (50.0%)
Mail shot    █████████████████████████▌                           1 of 4 (25.0%)

Cost by campaign
Spring fair  █████████████████████████████████████████████████████  3,000.00 CNY
Mail shot    ███████▏                                                 400.00 CNY'
has show "members       4, contacted 3, responded 2, converted 1" "$(t campaign show 1)"
has show-return "return        36.67%" "$(t campaign show 1)"
same list "$(t campaign list | sed "s/  $(id -un)\$/  LOGIN/")" \
'ID  NAME         KIND   START       END         MEMBERS  RESPONDED          COST  OWNER
 1  Spring fair  event  2026-03-01  2026-03-31        4          2  3,000.00 CNY  LOGIN
 2  Mail shot    email                                4          1    400.00 CNY  LOGIN'
same audit "$("$SQLITE" "$DB" "SELECT action || ' ' || ifnull(details, '') FROM audit_log WHERE entity = 'campaign' AND entity_id = 1 ORDER BY id")" \
'add Spring fair event
members +4
mark contact 1 contacted
mark contact 2 responded
mark contact 3 converted'

# ---- bad input: one line, its status, nothing changed ---------------------------------
bad_input_table <<'TABLE'
1|campaign mark 1 5 responded|tcrm: contact 5 is not a member of campaign 1 (Spring fair)
1|campaign mark 1 2 contacted|tcrm: contact 2 already reached responded in campaign 1
1|campaign mark 1 1 won|tcrm campaign mark: state: 'won' is not one of contacted, responded, converted
1|campaign add Fax --kind fax|tcrm campaign add: --kind: 'fax' is not one of email, event, call, ad, other
1|campaign add Neg --kind ad --budget -5|tcrm campaign add: --budget: must not be negative
1|campaign add Neg --kind ad --cost x|tcrm campaign add: --cost: 'x' is not a number
1|campaign add SPRING FAIR --kind ad|tcrm: campaign name 'SPRING FAIR' is already used (campaign 1)
1|campaign add Late --kind ad --start 2026-05-01 --end 2026-04-01|tcrm: end: 2026-04-01 is before the start 2026-05-01
1|campaign members 1 --add --contact 99|tcrm: contact 99: not found
1|campaign members 1 --add --tag nosuch|tcrm: tag 'nosuch': not found
1|campaign members 9 --add --contact 1|tcrm: campaign 9: not found
1|campaign show nosuch|tcrm: campaign 'nosuch': not found
1|deal add X --contact 1 --amount 5 --campaign 9|tcrm: campaign 9: not found
1|import in.csv --campaign 9|tcrm: campaign 9: not found; nothing imported
2|campaign add X|tcrm campaign add: missing --kind
2|campaign members 1 --add|tcrm campaign members: give one of --search, --tag, --contact
2|campaign members 1 --contact 1|tcrm campaign members: give --add or --remove
2|campaign mark 1 1|tcrm campaign mark: missing CID, ID and STATE
1|campaign add Cur --kind ad --currency EURO|tcrm: currency: 'EURO' is not a 3-letter code
1|campaign edit 1 --kind fax|tcrm campaign edit: --kind: 'fax' is not one of email, event, call, ad, other
1|campaign edit 1 --cost -1|tcrm campaign edit: --cost: must not be negative
1|campaign edit 1 --budget abc|tcrm campaign edit: --budget: 'abc' is not a number
1|campaign edit 1 --start nonsense|tcrm campaign edit: --start: 'nonsense' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m or a weekday
1|campaign edit 1 --end 2026-02-01|tcrm: end: 2026-02-01 is before the start 2026-03-01
1|campaign edit 1 --name 'mail SHOT'|tcrm: campaign name 'mail SHOT' is already used (campaign 2)
1|campaign edit 1 --name ''|tcrm campaign edit: --name: must not be empty
1|campaign edit 1 --currency EURO|tcrm: currency: 'EURO' is not a 3-letter code
1|campaign edit 1 --currency 12x|tcrm: currency: '12x' is not a 3-letter code
1|campaign edit 9 --cost 5|tcrm: campaign 9: not found
1|campaign delete 9|tcrm: campaign 9: not found
1|campaign delete nosuch|tcrm: campaign 'nosuch': not found
2|campaign edit 1|tcrm campaign edit: nothing to change: give --name, --kind, --start, --end, --budget, --cost or --currency
2|campaign edit|tcrm campaign edit: missing CID
2|campaign edit 1 2 --cost 5|tcrm campaign edit: unexpected argument '2'
2|campaign edit 1 --bogus|tcrm campaign edit: unknown option '--bogus'
2|campaign delete|tcrm campaign delete: missing CID
2|campaign add Cur --kind ad --name X|tcrm campaign add: unknown option '--name'
TABLE

# ---- edit, delete, --currency ----------------------------------------------------------
same add-cur "$(t campaign add Expo --kind event --cost 1,000 --currency usd)" \
    "added campaign 3: Expo (event)"
same add-cur-row "$("$SQLITE" "$DB" "SELECT currency, cost_minor, budget_minor IS NULL FROM campaigns WHERE id = 3")" "USD|100000|1"
same edit "$(t campaign edit expo --name 'Expo 2026' --kind other --start 2026-05-01 --end 2026-05-03 --budget 2,500 --cost 1,200.50 --currency eur)" \
    "saved campaign 3: Expo 2026"
same edit-row "$("$SQLITE" "$DB" "SELECT name, kind, starts_on, ends_on, currency, budget_minor, cost_minor, version FROM campaigns WHERE id = 3")" \
    "Expo 2026|other|2026-05-01|2026-05-03|EUR|250000|120050|2"
same edit-clear "$(t campaign edit 3 --start '' --end '' --budget '')" \
    "saved campaign 3: Expo 2026"
same edit-cleared "$("$SQLITE" "$DB" "SELECT starts_on IS NULL, ends_on IS NULL, budget_minor IS NULL, cost_minor FROM campaigns WHERE id = 3")" "1|1|1|120050"
same edit-audit "$("$SQLITE" "$DB" "SELECT group_concat(f, ' ') FROM (SELECT field || ':' || ifnull(old_value, '') || '>' || ifnull(new_value, '') AS f FROM audit_fields WHERE audit_id = (SELECT max(id) FROM audit_log WHERE entity = 'campaign' AND entity_id = 3 AND action = 'edit') ORDER BY field)")" \
    "budget:250000> end:2026-05-03> start:2026-05-01>"
same delete "$(t campaign delete 'expo 2026')" \
    "moved Expo 2026 (campaign 3) to the trash; tcrm restore campaign/3 brings it back"
same deleted-list "$(t campaign list | grep -c Expo)" "0"
same deleted-show "$(t campaign show 3 2>&1; echo "rc=$?")" "tcrm: campaign 3: not found
rc=1"
same name-free "$(t campaign add Expo 2026 --kind ad)" "added campaign 4: Expo 2026 (ad)"
# The trashed one cannot come back under a name now taken: one line, and
# it stays in the trash; once renamed, it can.
before=$("$SQLITE" "$DB" .dump)
same restore-taken "$(t restore campaign/3 2>&1; echo "rc=$?")" \
    "tcrm: campaign/3: cannot be restored: another campaign has its name now; rename one of them first
rc=1"
same restore-taken-unchanged "$("$SQLITE" "$DB" .dump)" "$before"
t campaign edit 4 --name 'Expo 2026 bis' >/dev/null
same restore-renamed "$(t restore campaign/3)" "restored campaign/3"

# ---- what tcrm check verifies ------------------------------------------------------
same check "$(t check)" "ok: $DB (schema $("$SQLITE" "$DB" 'PRAGMA user_version'))"
# a row that breaks a rule is found (broken: lib.sh)
broken check-counts "UPDATE campaigns SET responded_n = responded_n + 1 WHERE id = 2" \
    "summary campaigns.members_n disagrees with the rows in 2 places"
broken check-member "INSERT INTO campaign_members(campaign_id, contact_id, added_at, added_by) VALUES (2, 77, '2026-04-20 10:00:00', 'ann')" \
    "the rule campaign_members.contact does not hold (1 in all, the first: 2/77)"
broken check-state "UPDATE campaign_members SET state = 'converted' WHERE campaign_id = 1 AND contact_id = 2" \
    "the rule campaign_members.state does not hold (1 in all, the first: 1/2)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
