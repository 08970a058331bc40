# tests/cli/as_users.sh: the helpers of the tests that run tcrm as real
# Unix users (people.sh, sales_people.sh), sourced after they set TCRM,
# ROOT, DB, TCRM_NOW and pass=0 fail=0. AS_ARGS (an array, may be empty)
# is put before each command's own arguments (e.g. --config FILE).
AS_ARGS=("${AS_ARGS[@]+"${AS_ARGS[@]}"}")

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    printf 'FAIL: %s\n' "$1"
    shift
    printf '%s\n' "$@" | sed 's/^/    /'
}

# as LOGIN ARGS...: tcrm as that account, clean environment; sets OUT,
# ERR, RC.
as() {
    local u=$1
    shift
    OUT=$(cd "$ROOT" && timeout 20 runuser -u "$u" -- env -i PATH=/usr/bin:/bin \
          HOME="$ROOT" USER="$u" TCRM_NOW="$TCRM_NOW" LC_ALL=C.UTF-8 TZ=UTC \
          "$TCRM" "${AS_ARGS[@]+"${AS_ARGS[@]}"}" --db "$DB" "$@" 2>"$ROOT/stderr")
    RC=$?
    ERR=$(cat "$ROOT/stderr")
}

# refused NAME STATUS STDERR LOGIN ARGS...: one line on stderr, nothing
# on stdout, the database unchanged (needs SQLITE:
# the sqlite3 program).
refused() {
    local name=$1 status=$2 want=$3
    shift 3
    local before
    before=$("$SQLITE" "$DB" .dump)
    as "$@"
    if [[ $RC != "$status" || -n "$OUT" || "$ERR" != "$want" ]]; then
        bad "$name" "status $RC (want $status)" "stdout: $OUT" "stderr: $ERR" \
            "want: $want"
    elif [[ "$before" != "$("$SQLITE" "$DB" .dump)" ]]; then
        bad "$name: the database changed"
    else
        ok
    fi
}

# expect NAME STATUS STDOUT STDERR: the last `as` gave exactly these.
expect() {
    if [[ $RC == "$2" && "$OUT" == "$3" && "$ERR" == "$4" ]]; then
        ok
    else
        bad "$1" "status $RC (want $2)" "--- stdout:" "$OUT" "--- want:" \
            "$3" "--- stderr:" "$ERR" "--- want:" "$4"
    fi
}
