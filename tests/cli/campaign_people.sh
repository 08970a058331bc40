#!/bin/bash
# tests/cli/campaign_people.sh: campaigns, tested as people (issue 14).
#
#   campaign_people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run, runs tcrm as each of them with runuser and a clean
# environment, and deletes them at the end. One database in owned mode
# (tcrm init --shared by root, its admin):
#
#   login   role      manager
#   root    admin
#   M       manager
#   S1      sales     M         owns Anna, runs a campaign
#   S2      sales     M         owns Bob
#
# A salesperson adds to their campaign only the contacts they see: an id
# of another's contact, or a tag or search that finds another's contacts,
# adds nothing of theirs (one line, exit 1, the database unchanged for an
# id); another salesperson neither sees nor changes the campaign; the
# manager sees it and its figures.
set -u
TCRM=$(realpath "$1")
. "$(dirname "$0")/as_users.sh"
office campaign_people.sh tcrmc M=m S1=a S2=b
export TCRM_NOW="2026-04-20 10:00:00" LC_ALL=C.UTF-8 TZ=UTC

AS_ARGS=()

# ---- the office --------------------------------------------------------
as root init >/dev/null
chmod 666 "$DB"
as root init --shared
[[ $RC == 0 ]] && ok || bad init-shared "$ERR"
as root user add "$M" --role manager
as root user add "$S1" --role sales --manager "$M"
as root user add "$S2" --role sales --manager "$M"
as "$S1" contact add "Anna Silva" --tag expo       # contact 1
as "$S2" contact add "Bob Li" --tag expo           # contact 2
as "$S1" campaign add Expo --kind event --cost 100
expect s1-add 0 "added campaign 1: Expo (event)" ""

# ---- only the contacts the salesperson sees ----------------------------------
refused s1-other-contact 1 "tcrm: contact 2: not found" \
    "$S1" campaign members 1 --add --contact 2
refused s1-mixed-ids 1 "tcrm: contact 2: not found" \
    "$S1" campaign members 1 --add --contact 1 2
as "$S1" campaign members 1 --add --tag expo
expect s1-tag-own-only 0 "Expo (campaign 1): added 1 member" ""
as "$S1" campaign members 1 --add --search li
expect s1-search-own-only 0 "Expo (campaign 1): added 0 members" ""
[[ $("$SQLITE" "$DB" "SELECT group_concat(contact_id) FROM campaign_members") == 1 ]] \
    && ok || bad members-are-own "$("$SQLITE" "$DB" "SELECT * FROM campaign_members")"

# ---- another salesperson: neither sees nor changes it --------------------------
refused s2-show 1 "tcrm: campaign 1: not found" "$S2" campaign show 1
refused s2-add-own 1 "tcrm: campaign 1: not found" \
    "$S2" campaign members 1 --add --contact 2
refused s2-mark 1 "tcrm: campaign 1: not found" "$S2" campaign mark 1 1 responded
refused s2-deal 1 "tcrm: campaign 1: not found" \
    "$S2" deal add Bolt --contact 2 --amount 10 --campaign 1
as "$S2" campaign list
expect s2-list 0 "no campaigns" ""

# ---- the manager sees it ---------------------------------------------------------
as "$S1" campaign mark 1 1 responded
as "$M" report campaigns --format csv
[[ $RC == 0 && "$OUT" == *"campaigns,1,Expo,event,,,,,100.00,CNY,1,1,1,0,0,0,0,100.00,CNY,,,"* ]] \
    && ok || bad manager-report "$OUT" "$ERR"

as root check
[[ $RC == 0 ]] && ok || bad check "$ERR"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
