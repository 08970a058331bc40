#!/bin/bash
# tests/cli/exitcodes.sh: one exit status per kind of mistake, in every
# command that can make it (issue 10; man tcrm, EXIT STATUS):
#   1  a bad value: one that cannot be read (a date, birthday, id, number,
#      amount, a word not among the choices) or that the data refuses (an
#      unknown tag, company, stage or id, an invalid e-mail): one line on
#      stderr;
#   2  usage: the command line's shape is wrong (an unknown command,
#      subcommand or option, an option without its value, a missing
#      argument): the message, then the "usage: tcrm ..." lines.
# Every case also leaves stdout empty and the database as it was.
#
#   exitcodes.sh /path/to/tcrm
set -u
TCRM=$(realpath "$1")
W=$(mktemp -d /tmp/tcrm-exit.XXXXXX)
trap 'rm -rf "$W"' EXIT
export USER=ann LC_ALL=C.UTF-8 TZ=UTC TCRM_NOW="2026-11-20 10:00:00"
DB=$W/t.db
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "SKIP: no sqlite3"; exit 77; }

t init >/dev/null
t company add Acme >/dev/null
t contact add Anna --company Acme --tag vip >/dev/null
t deal add Order --company Acme --amount 5 >/dev/null
t follow-up add 1 --due tomorrow Call >/dev/null
t quote add --company Acme >/dev/null
printf 'name\nZed\n' > "$W/one.csv"

# KIND|ARGS (shell words): every command that takes that kind of mistake.
cases() {
cat <<'END'
bad-date|follow-up add 1 --due someday Call
bad-date|follow-up snooze 1 --to someday
bad-date|follow-up edit 1 --due 2026-02-30
bad-date|deal add X --company Acme --amount 5 --close 2026-13-01
bad-date|log 1 --kind call --at someday hi
bad-date|quote add --company Acme --valid someday
bad-date|report agenda --from someday
bad-date|report activity --from 2026-01-01 --to someday
bad-date|audit --since someday
bad-date|audit --until 2026-02-30
bad-birthday|contact add Bea --birthday someday
bad-birthday|contact add Bea --birthday 2026-02-30
bad-birthday|contact add Bea --birthday 02-30
bad-birthday|contact add Bea --birthday 13-01
bad-birthday|contact edit 1 --birthday 02-31
bad-birthday|contact edit 1 --birthday 2026-13-01
unknown-tag|contact list --tag nope
unknown-tag|company list --tag nope
unknown-tag|export contacts --tag nope
unknown-tag|export companies --tag nope
unknown-tag|export contacts --format vcard --tag nope
unknown-tag|assign --tag nope --to ann
unknown-tag|report agenda --tag nope
unknown-tag|report segments --tag nope
unknown-company|contact list --company Nope
unknown-company|deal add X --company Nope --amount 5
unknown-company|quote add --company Nope
bad-id|contact show x
bad-id|contact edit x --title T
bad-id|company show x
bad-id|deal show x
bad-id|deal won x
bad-id|follow-up done x
bad-id|follow-up edit x --title T
bad-id|follow-up list --contact x
bad-id|log x --kind call hi
bad-id|audit contact x
bad-id|restore contact/x
bad-id|assign contact x --to ann
unknown-id|contact show 99
unknown-id|company show 99
unknown-id|deal won 99
unknown-id|follow-up done 99
unknown-id|log 99 --kind call hi
unknown-id|restore contact/99
bad-number|due --days x
bad-number|due --days 400
bad-number|contact list --limit x
bad-number|company list --limit 0
bad-number|follow-up list --limit x
bad-number|search Anna --limit x
bad-number|follow-up add 1 --due today --every x Call
bad-number|deal add X --company Acme --amount 5 --probability 120
bad-number|report gone-quiet --days x
bad-number|report agenda --width x
bad-amount|deal add X --company Acme --amount abc
bad-amount|deal add X --company Acme --amount -5
bad-amount|product add P-1 Widget --price abc
bad-amount|quote line 1 --text Work --qty x --price 1
bad-amount|quote line 1 --text Work --qty 1 --price abc
bad-choice|contact list --format xml
bad-choice|company list --format xml
bad-choice|deal list --format xml
bad-choice|follow-up list --format xml
bad-choice|search Anna --format xml
bad-choice|audit --format xml
bad-choice|report agenda --format xml
bad-choice|export contacts --format xml
bad-choice|import --format xml one.csv
bad-choice|contact list --sort age
bad-choice|deal list --status maybe
bad-choice|log 1 --kind chat hi
bad-choice|quote list --state open
bad-choice|user add bob --role boss
bad-choice|export people
bad-choice|audit person 1
bad-choice|restore frob
bad-choice|setting frob
bad-stage|deal move 1 Closed
bad-stage|deal add X --company Acme --amount 5 --stage Closed
bad-stage|deal list --stage Closed
bad-email|contact add Bea --email bea@
bad-email|contact edit 1 --email bea@
bad-email|company add Beta --email beta@
unknown-option|contact list --frob
unknown-option|contact add Bea --frob
unknown-option|company list --frob
unknown-option|deal list --frob
unknown-option|follow-up list --frob
unknown-option|due --frob
unknown-option|search Anna --frob
unknown-option|audit --frob
unknown-option|report agenda --frob
unknown-option|export contacts --frob
unknown-option|--frob
no-value|contact list --tag
no-value|due --days
no-value|audit --since
no-value|report agenda --from
no-value|--db
missing-argument|contact show
missing-argument|contact add
missing-argument|follow-up add 1 --due today
missing-argument|follow-up add 1 Call
missing-argument|deal move 1
missing-argument|deal lost 1
missing-argument|log 1 --kind call
missing-argument|search
missing-argument|export
unknown-command|frob
unknown-command|contact frob
unknown-command|company frob
unknown-command|deal frob
unknown-command|follow-up frob
unknown-command|report frob
END
}

status_of() {
    case $1 in
    unknown-option|no-value|missing-argument|unknown-command) echo 2 ;;
    *) echo 1 ;;
    esac
}

before=$(sqlite3 "$DB" .dump)
while IFS='|' read -r kind args; do
    want=$(status_of "$kind")
    eval "set -- $args"
    (cd "$W" && t "$@") >"$W/out" 2>"$W/err"
    rc=$?
    lines=$(wc -l <"$W/err")
    second=$(sed -n 2p "$W/err")
    if [ "$rc" != "$want" ]; then
        bad "$kind: tcrm $args: status $rc, wanted $want: $(head -n 1 "$W/err")"
    elif [ -s "$W/out" ]; then
        bad "$kind: tcrm $args: wrote to stdout: $(cat "$W/out")"
    elif [ "$want" = 1 ] && [ "$lines" != 1 ]; then
        bad "$kind: tcrm $args: not one line: $(cat "$W/err")"
    elif [ "$want" = 2 ] && [ "${second#usage: tcrm }" = "$second" ]; then
        bad "$kind: tcrm $args: no usage line: $(cat "$W/err")"
    elif [ "$before" != "$(sqlite3 "$DB" .dump)" ]; then
        bad "$kind: tcrm $args: the database changed"
        before=$(sqlite3 "$DB" .dump)
    else
        ok
    fi
done < <(cases)

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
