#!/bin/bash
# scripts/install-shared.sh: install tcrm for an office on one server, so
# that the database can be reached only through tcrm (tcrm(1), SHARED
# SERVER). Run as root:
#
#   install-shared.sh --admin LOGIN [--prefix DIR] [--db FILE]
#                     [--group NAME] [--binary FILE]
#
#   --admin   the Unix account that becomes the database's first admin
#   --prefix  where bin/tcrm and etc/tcrm/shared.conf go (/usr/local)
#   --db      the shared database (/var/lib/tcrm/tcrm.db)
#   --group   the group only tcrm runs as (tcrm)
#   --binary  the tcrm to install (build/src/tcrm of this checkout)
#
# It makes the group, installs the binary setgid to it, pins the binary to
# the database (PREFIX/etc/tcrm/shared.conf, root's, read by tcrm at
# start), makes the database's folder root:GROUP 2770 and the database
# root:GROUP 0660 (its -wal and -shm get the same), in owned mode, with
# --admin as its admin. Nobody may be a member of the group: a member
# could open the file with sqlite3. Run it again to repair permissions;
# an existing database is kept (--admin must then be one of its admins).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=/usr/local db=/var/lib/tcrm/tcrm.db group=tcrm admin=
binary=$here/build/src/tcrm

die() { echo "install-shared.sh: $*" >&2; exit 1; }
usage() {
    echo "install-shared.sh: $*" >&2
    sed -n '6,7p' "$0" | sed 's/^# *//' >&2
    exit 2
}
while [[ $# -gt 0 ]]; do
    case $1 in
    --admin) [[ $# -ge 2 ]] || usage "--admin needs a login"; admin=$2; shift 2 ;;
    --prefix) [[ $# -ge 2 ]] || usage "--prefix needs a folder"; prefix=$2; shift 2 ;;
    --db) [[ $# -ge 2 ]] || usage "--db needs a file"; db=$2; shift 2 ;;
    --group) [[ $# -ge 2 ]] || usage "--group needs a name"; group=$2; shift 2 ;;
    --binary) [[ $# -ge 2 ]] || usage "--binary needs a file"; binary=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage "unknown option '$1'" ;;
    esac
done
[[ -n $admin ]] || usage "--admin LOGIN is required"
[[ $db == /* ]] || usage "--db must be an absolute path"
[[ $(id -u) == 0 ]] || die "must run as root"
getent passwd "$admin" >/dev/null || die "--admin $admin: no such account"
[[ -x $binary ]] || die "--binary $binary: not an executable (build first)"

getent group "$group" >/dev/null || groupadd --system "$group"
members=$(getent group "$group" | cut -d: -f4)
[[ -z $members ]] || die "group $group has members ($members): they could open the database directly"

install -d -m 755 "$prefix/bin" "$prefix/etc/tcrm"
install -m 2755 -o root -g "$group" "$binary" "$prefix/bin/tcrm"
printf '%s\n' "$db" >"$prefix/etc/tcrm/shared.conf"
chown root:root "$prefix/etc/tcrm/shared.conf"
chmod 644 "$prefix/etc/tcrm/shared.conf"

dir=$(dirname "$db")
install -d -o root -g "$group" -m 2770 "$dir"
# Made (or, when there, checked and put in owned mode) by the admin,
# through the installed tcrm: they become its first admin.
(cd / && runuser -u "$admin" -- env -i PATH=/usr/bin:/bin HOME=/ \
    USER="$admin" "$prefix/bin/tcrm" init --shared)
chown root:"$group" "$db"
chmod 660 "$db"
for f in "$db-wal" "$db-shm"; do
    if [[ -e $f ]]; then chown root:"$group" "$f"; chmod 660 "$f"; fi
done
echo "installed $prefix/bin/tcrm (setgid $group) for $db; admin: $admin"
