#!/bin/bash
# tests/cli/service.sh: service tickets and satisfaction through the
# built binary (issue 14), on a fixed clock (TCRM_NOW per command):
# every state change and its history, the deadline clock stopped by a
# wait and pushed by its length, a priority change that computes the
# deadlines again, ratings after resolution (and an interaction's
# score), `due`'s TICKETS section, `report service`'s exact figures on a
# small known data set (text and CSV), and a bad-input table asserting
# the one-line error, the exit status and an unchanged sqlite3 .dump.
#
#   service.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-cli-service.XXXXXX)
trap 'rm -rf "$W"' EXIT
export TCRM_NOW="2026-03-01 09:00:00" USER=ann LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
. "$(dirname "$0")/lib.sh"
DB=$W/service.db
SQLITE=$(command -v sqlite3)
dump() { "$SQLITE" "$DB" .dump 2>&1; }
at() { local when=$1; shift; TCRM_NOW="2026-03-$when:00" t "$@"; }

t init >/dev/null
t company add "Acme Ltd" >/dev/null
t company add "Bolt Co" >/dev/null
t contact add "Li Lei" --company "Acme Ltd" >/dev/null
t contact add "Wang Fang" >/dev/null
t product add P1 --name Printer --price 100 >/dev/null 2>&1 || t product add P1 Printer --price 100 >/dev/null

# ---- T4 of the report, opened first: a low question on a product ---------------
same add-1 "$(at "01 09:00" ticket add --contact 2 --priority low --product P1 Paper size)" \
    "added ticket 1: T2026-0001, answer by 2026-03-04 09:00, resolve by 2026-03-11 09:00"
same note-first "$(at "01 13:00" ticket note 1 Sent the manual)" "ticket T2026-0001 is in progress"
same resolve-1 "$(at "02 09:00" ticket resolve 1 --resolution "A4 is fine")" "ticket T2026-0001 is resolved"
same rate-1 "$(at "02 10:00" ticket rate T2026-0001 --score 4)" "ticket T2026-0001 rated 4 of 5"

# ---- a fault with a wait: the clock stops for 24 hours -------------------------
same add-2 "$(at "02 09:00" ticket add --contact 1 --type fault --priority high Printer jams)" \
    "added ticket 2: T2026-0002, answer by 2026-03-02 17:00, resolve by 2026-03-04 09:00"
same note-2 "$(at "02 10:00" ticket note T2026-0002 Called back)" "ticket T2026-0002 is in progress"
same wait-2 "$(at "02 11:00" ticket wait 2)" "ticket T2026-0002 is waiting for the customer (its clock stops)"
has clock-stopped "deadline      stopped (waiting)" "$(at "02 20:00" ticket show 2)"
same note-2b "$(at "03 11:00" ticket note 2 The customer sent photos)" "ticket T2026-0002 is in progress"
show2=$(at "03 11:00" ticket show 2)
has pushed "resolve by    2026-03-05 09:00" "$show2"
has waited "waited        24 hours" "$show2"
has left "deadline      due in 46 hours" "$show2"
same resolve-2 "$(at "03 12:00" ticket resolve 2 --resolution "New roller")" "ticket T2026-0002 is resolved"
same rate-2 "$(at "03 12:30" ticket rate 2 --score 5 --comment great)" "ticket T2026-0002 rated 5 of 5"
same close-2 "$(at "03 13:00" ticket close 2)" "ticket T2026-0002 is closed"
same reopen-2 "$(at "03 14:00" ticket reopen 2)" "ticket T2026-0002 is in progress"
has reopen-clears "$(printf '  score')" "$(at "03 14:00" ticket show 2 | grep -c '^  score' | sed 's/^0$/  score cleared/')"
same resolve-2b "$(at "03 14:00" ticket resolve 2 --resolution "New roller, tested")" "ticket T2026-0002 is resolved"
same rate-2b "$(at "03 14:00" ticket rate 2 --score 5 --comment great)" "ticket T2026-0002 rated 5 of 5"
same close-2b "$(at "03 15:00" ticket close 2)" "ticket T2026-0002 is closed"
same history "$(at "03 15:00" ticket show 2 | sed -n '/^history:/,$p')" \
'history:
  2026-03-02 09:00  clerk  opened T2026-0002
  2026-03-02 10:00  clerk  note                     Called back
  2026-03-02 10:00  clerk  new -> in progress
  2026-03-02 11:00  clerk  in progress -> waiting
  2026-03-03 11:00  clerk  note                     The customer sent photos
  2026-03-03 11:00  clerk  waiting -> in progress
  2026-03-03 12:00  clerk  in progress -> resolved  New roller
  2026-03-03 12:30  clerk  rated 5 of 5             great
  2026-03-03 13:00  clerk  resolved -> closed
  2026-03-03 14:00  clerk  closed -> in progress
  2026-03-03 14:00  clerk  in progress -> resolved  New roller, tested
  2026-03-03 14:00  clerk  rated 5 of 5             great
  2026-03-03 15:00  clerk  resolved -> closed'

# ---- a complaint resolved the same day, rated low -------------------------------
same add-3 "$(at "04 09:00" ticket add --company "Bolt Co" --type complaint Late delivery)" \
    "added ticket 3: T2026-0003, answer by 2026-03-05 09:00, resolve by 2026-03-09 09:00"
same resolve-3 "$(at "04 15:00" ticket resolve 3 --resolution Apologised)" "ticket T2026-0003 is resolved"
same rate-3 "$(at "04 16:00" ticket rate 3 --score 2 --comment slow)" "ticket T2026-0003 rated 2 of 5"

# ---- open ones: an urgent complaint, a question waiting -------------------------
same add-4 "$(at "05 09:00" ticket add --company "Acme Ltd" --type complaint --priority urgent Rude driver)" \
    "added ticket 4: T2026-0004, answer by 2026-03-05 11:00, resolve by 2026-03-05 17:00"
same add-5 "$(at "05 10:00" ticket add --company "Acme Ltd" Invoice copy)" \
    "added ticket 5: T2026-0005, answer by 2026-03-06 10:00, resolve by 2026-03-10 10:00"
same wait-5 "$(at "05 10:30" ticket wait 5)" "ticket T2026-0005 is waiting for the customer (its clock stops)"

same list-open "$(at "05 12:00" ticket list --open)" \
'NUMBER      CUSTOMER  TYPE       PRIORITY  STATE    DEADLINE           OWNER  SUBJECT
T2026-0005  Acme Ltd  question   normal    waiting  stopped (waiting)         Invoice copy
T2026-0004  Acme Ltd  complaint  urgent    new      overdue 1 hour            Rude driver'
same list-csv "$(at "05 12:00" ticket list --format csv)" \
'id,number,customer,contact,type,priority,state,subject,owner,opened,due,responded,resolved,score
5,T2026-0005,Acme Ltd,,question,normal,waiting,Invoice copy,,2026-03-05 10:00:00,,2026-03-05 10:30:00,,
4,T2026-0004,Acme Ltd,,complaint,urgent,new,Rude driver,,2026-03-05 09:00:00,2026-03-05 11:00:00,,,
3,T2026-0003,Bolt Co,,complaint,normal,resolved,Late delivery,,2026-03-04 09:00:00,,2026-03-04 15:00:00,2026-03-04 15:00:00,2
2,T2026-0002,Acme Ltd,Li Lei,fault,high,closed,Printer jams,,2026-03-02 09:00:00,,2026-03-02 10:00:00,2026-03-03 14:00:00,5
1,T2026-0001,Wang Fang,Wang Fang,question,low,resolved,Paper size,,2026-03-01 09:00:00,,2026-03-01 13:00:00,2026-03-02 09:00:00,4'

# ---- due: TICKETS -----------------------------------------------------------------
same due "$(at "05 12:00" due)" 'TICKETS (1)
  T2026-0004  Acme Ltd  urgent  answer 1 hour late  Rude driver'

# ---- satisfaction of an interaction ------------------------------------------------
t log 1 --kind call Follow-up call >/dev/null
same score "$(t score 1 4 --comment "happy now")" "interaction 1 rated 4 of 5"
same score-again "$(t score 1 5)" "interaction 1 rated 5 of 5"
same score-row "$("$SQLITE" "$DB" "SELECT interaction_id, score, comment FROM interaction_scores")" "1|5|"

# ---- report service: the figures of the five tickets above ---------------------------
same report "$(at "05 12:00" report service --width 80 | sed -n '/^Open tickets by age and priority/,$p')" \
'Open tickets by age and priority
--------------------------------
Priority  <1d  1-3d  4-7d  >7d  Open
--------  ---  ----  ----  ---  ----
urgent      1     0     0    0     1
high        0     0     0    0     0
normal      1     0     0    0     1
low         0     0     0    0     0
--------  ---  ----  ----  ---  ----
Total       2     0     0    0     2

Open tickets by age
-------------------
under 1 day  ████████████████████████████████████████████████████████████████  2
1-3 days                                                                       0
4-7 days                                                                       0
over 7 days                                                                    0

Answer and resolution times by owner (hours)
--------------------------------------------
Owner       Tickets  Answered  Ans. med  Ans. p90  Resolved  Res. med  Res. p90
----------  -------  --------  --------  --------  --------  --------  --------
(no owner)        5         4         1         6         3         6        24

Answer and resolution times by type (hours)
-------------------------------------------
Type       Tickets  Answered  Ans. med  Ans. p90  Resolved  Res. med  Res. p90
---------  -------  --------  --------  --------  --------  --------  --------
complaint        2         1         6         6         1         6         6
fault            1         1         1         1         1         5         5
question         2         2       0.5         4         1        24        24

Complaints per customer
-----------------------
Customer  Complaints  Open
--------  ----------  ----
Acme Ltd           1     1
Bolt Co            1     0

Satisfaction by owner (1-5)
---------------------------
Owner       Rated  Average
----------  -----  -------
(no owner)      3      3.7

Satisfaction by product (1-5)
-----------------------------
Product       Rated  Average
------------  -----  -------
(no product)      2      3.5
P1                1        4

Satisfaction by month opened (1-5)
----------------------------------
Month    Rated  Average
-------  -----  -------
2026-03      3      3.7

Average score by month opened
-----------------------------
2026-03  ██████████████████████████████████████████████████████████████████  3.7'

csv=$(at "05 12:00" report service --format csv)
has report-csv-type "times by type,question,2,2,0.5,4,1,24,24" "$csv"
has report-csv-sat "satisfaction by product,P1,1,4" "$csv"
has report-csv-open "open,Total,2,0,0,0,2" "$csv"

# ---- a priority change computes the deadlines again ------------------------------------
same edit "$(at "05 12:00" ticket edit 4 --priority high)" "updated ticket T2026-0004"
has edit-due "answer by     2026-03-05 17:00" "$(at "05 12:00" ticket show 4)"
same edit-none "$(at "05 12:00" ticket edit 4 --priority high)" "ticket T2026-0004: nothing to change"

# ---- bad input: one line, the status, nothing changed ----------------------------------
bad_inputs() {
cat <<'END'
1|ticket rate T2026-0004 --score 3|tcrm: ticket T2026-0004 is new: rate it after it is resolved
1|ticket rate T2026-0005 --score 3|tcrm: ticket T2026-0005 is waiting: rate it after it is resolved
1|ticket rate T2026-0002 --score 6|tcrm: score: 6 is not from 1 to 5
1|ticket rate T2026-0002 --score 0|tcrm: score: 0 is not from 1 to 5
1|ticket rate 2 --score x|tcrm ticket rate: score: 'x' is not a whole number from 1 to 5
1|ticket wait T2026-0002|tcrm: ticket T2026-0002 is closed: it cannot wait (reopen it first)
1|ticket wait T2026-0005|tcrm: ticket T2026-0005 is already waiting
1|ticket resolve 2 --resolution again|tcrm: ticket T2026-0002 is closed: it cannot be resolved (reopen it first)
1|ticket resolve 3 --resolution again|tcrm: ticket T2026-0003 is already resolved
1|ticket close 4|tcrm: ticket T2026-0004 is new: only a resolved ticket is closed (resolve it first)
1|ticket close 2|tcrm: ticket T2026-0002 is already closed
1|ticket reopen 5|tcrm: ticket T2026-0005 is waiting: only a resolved or closed ticket is reopened
2|ticket frobnicate 4|tcrm ticket: unknown subcommand 'frobnicate'
2|ticket rate 2|tcrm ticket rate: missing --score
2|ticket resolve 4|tcrm ticket resolve: missing --resolution
2|ticket assign 4|tcrm ticket assign: missing --to
2|ticket add --company 'Acme Ltd'|tcrm ticket add: missing SUBJECT
2|ticket add Foo|tcrm ticket add: give --contact or --company
1|ticket add --company 'Acme Ltd' --type bug X|tcrm ticket add: --type: 'bug' is not one of question, fault, complaint, return
1|ticket add --company 'Acme Ltd' --priority now X|tcrm ticket add: --priority: 'now' is not one of low, normal, high, urgent
1|ticket add --company Nobody X|tcrm: company 'Nobody': not found (add it with: tcrm company add NAME)
1|ticket add --contact 99 X|tcrm: contact 99: not found
1|ticket add --company 'Acme Ltd' --product NOPE X|tcrm: product 'NOPE': not found
1|ticket show T2026-0099|tcrm: ticket 'T2026-0099': not found
1|ticket note 4 ''|tcrm: note: must not be empty
1|score 1 6|tcrm: score: 6 is not from 1 to 5
1|score 99 3|tcrm: interaction 99: not found
END
}
bad_input_table < <(bad_inputs)

# numbers are never used again: the next ticket after the refused ones
same add-6 "$(at "05 12:00" ticket add --contact 2 Another)" \
    "added ticket 6: T2026-0006, answer by 2026-03-06 12:00, resolve by 2026-03-10 12:00"
# the history is never changed
"$SQLITE" "$DB" "DELETE FROM ticket_events" 2>"$W/err"
has history-kept "ticket history is never removed" "$(cat "$W/err")"

# ---- what tcrm check verifies ------------------------------------------------------
same check "$(t check)" "ok: $DB (schema $("$SQLITE" "$DB" 'PRAGMA user_version'))"
# a row that breaks a rule is found (broken: lib.sh)
broken check-response "UPDATE tickets SET first_response_at = NULL WHERE number = 'T2026-0003'" \
    "the rule tickets.first_response does not hold (1 in all, the first: T2026-0003)"
broken check-closed "UPDATE tickets SET closed_at = NULL WHERE number = 'T2026-0002'" \
    "the rule tickets.closed_at does not hold (1 in all, the first: T2026-0002)"
broken check-due "UPDATE tickets SET resolve_due = '2026-01-01 00:00:00' WHERE number IN ('T2026-0004', 'T2026-0006')" \
    "the rule tickets.deadlines does not hold (2 in all, the first: T2026-0004)"
broken check-times "UPDATE tickets SET resolved_at = '2026-01-01 00:00:00' WHERE number = 'T2026-0003'" \
    "the rule tickets.times does not hold (1 in all, the first: T2026-0003)"
broken check-rating "UPDATE tickets SET rated_at = NULL WHERE score IS NOT NULL" \
    "$("$SQLITE" "$DB" "SELECT 'the rule tickets.rating does not hold (' || count(*) || ' in all, the first: ' || min(number) || ')' FROM tickets WHERE score IS NOT NULL")"
# a state changed without its line in the history
broken check-history "UPDATE tickets SET state = 'in_progress', waiting_since = NULL WHERE number = 'T2026-0005'" \
    "the rule tickets.history does not hold (1 in all, the first: T2026-0005)"
broken check-opened "DROP TRIGGER ticket_events_no_delete; DELETE FROM ticket_events WHERE kind = 'add' AND ticket_id = 6" \
    "the rule tickets.history does not hold (1 in all, the first: T2026-0006)"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
