# tests/cli/as_users.sh: the helpers of the tests that run tcrm as real
# Unix users (people.sh and the *_people.sh scripts). `as` needs TCRM,
# ROOT, DB and TCRM_NOW, and the checks count into pass and fail; office
# below sets up all but TCRM and TCRM_NOW. AS_ARGS (an array, may be
# empty) is put before each command's own arguments (e.g. --config FILE).
AS_ARGS=("${AS_ARGS[@]+"${AS_ARGS[@]}"}")

# office SCRIPT PREFIX VAR=SUFFIX...: the start of a test run as people
# (root only; SCRIPT names it in the refusal): ROOT, a new folder; one
# Unix account per VAR, named PREFIX, the shell's pid and SUFFIX, its name
# in VAR (M=m sets M); DB, the database's path in a folder anyone may
# write; SQLITE; pass=0 fail=0. The accounts and ROOT go on exit.
office() {
    local script=$1 prefix=$2 v u
    shift 2
    if [[ $(id -u) != 0 ]]; then
        echo "$script: must run as root (it creates Unix users to run tcrm as)"
        exit 1
    fi
    ROOT=$(mktemp -d "/tmp/tcrm-$(basename "$script" .sh | tr _ -).XXXXXX")
    chmod 755 "$ROOT"
    USERS=
    for v; do
        printf -v "${v%%=*}" '%s' "$prefix$$${v#*=}"
        USERS="$USERS $prefix$$${v#*=}"
    done
    trap office_cleanup EXIT
    for u in $USERS; do
        useradd -M -d "$ROOT" -s /bin/sh "$u" || { echo "useradd $u failed"; exit 1; }
    done
    mkdir -m 1777 "$ROOT/db"
    DB=$ROOT/db/office.db
    SQLITE=$(command -v sqlite3)
    pass=0 fail=0
}
office_cleanup() {
    for u in $USERS; do userdel "$u" >/dev/null 2>&1; done
    rm -rf "$ROOT"
}

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
