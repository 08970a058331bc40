# tests/cli/lib.sh: what the CLI test scripts share. Source it after
# setting TCRM (the binary) and W (the test's temporary folder): it moves
# into W, points HOME and the XDG folders there, writes fast.conf (a
# short busy timeout, user "clerk"), and defines the checks below. Each
# check counts into pass/fail; the script ends with
#   echo "$pass passed, $fail failed"; [ "$fail" = 0 ]
cd "$W" || exit 1
export HOME=$W/home XDG_CONFIG_HOME=$W/home/.config XDG_DATA_HOME=$W/home/data
unset TCRM_CONFIG TCRM_DB
mkdir -p "$HOME"
printf '[database]\nbusy_timeout = 300\n[user]\nname = clerk\n' > fast.conf
pass=0 fail=0

ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL: $*"; }
t()    { "$TCRM" --config "$W/fast.conf" --db "$DB" "$@"; }
# expect NAME STATUS WANT -- command...: the exit status and the first
# line on stderr, exactly (the command runs once)
expect() {
    local name=$1 status=$2 want=$3; shift 4
    local got rc
    "$@" >/dev/null 2>"$W/stderr"; rc=$?
    got=$(head -n 1 "$W/stderr")
    if [ "$rc" = "$status" ] && [ "$got" = "$want" ]; then ok
    else bad "$name: status $rc, stderr '$got', wanted $status '$want'"; fi
}
has()  { # has NAME PATTERN TEXT
    if printf '%s' "$3" | grep -qF -- "$2"; then ok
    else bad "$1: no '$2' in: $3"; fi
}
same() { if [ "$2" = "$3" ]; then ok; else bad "$1: '$2' != '$3'"; fi; }
rows() { t export contacts --fields name | tail -n +2 | wc -l | tr -d ' '; }
# bad_input_table: on stdin, lines "STATUS|ARGS|FIRST LINE OF STDERR";
# each runs t ARGS once and checks the status, that line, an empty
# stdout, a one-line stderr on status 1, and that dump (the script's
# own, e.g. sqlite3 .dump) is unchanged.
bad_input_table() {
    local want_rc args want_err before rc first
    while IFS='|' read -r want_rc args want_err; do
        before=$(dump)
        eval "set -- $args"
        t "$@" >"$W/out" 2>"$W/err"
        rc=$?
        first=$(head -n 1 "$W/err")
        if [ "$rc" != "$want_rc" ] || [ "$first" != "$want_err" ] || [ -s "$W/out" ]; then
            bad "bad input: $args: status $rc (want $want_rc), stderr '$(cat "$W/err")', want '$want_err'"
        elif [ "$want_rc" = 1 ] && [ "$(wc -l < "$W/err")" != 1 ]; then
            bad "bad input: $args: more than one line: $(cat "$W/err")"
        elif [ "$before" != "$(dump)" ]; then
            bad "bad input: $args: the database changed"
        else
            ok
        fi
    done
}
# broken NAME SQL WANT: on a copy of the database ($DB, by $SQLITE), SQL
# breaks one rule; `tcrm check` on the copy fails with status 1 and the
# one line "tcrm: COPY: WANT"
broken() {
    rm -f "$W/broken.db"
    "$SQLITE" "$DB" ".backup '$W/broken.db'"
    "$SQLITE" "$W/broken.db" "$2"
    "$TCRM" --config "$W/fast.conf" --db "$W/broken.db" check >/dev/null 2>"$W/err"
    same "$1" "$?:$(cat "$W/err")" "1:tcrm: $W/broken.db: $3"
}
