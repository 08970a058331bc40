#!/bin/bash
# tests/cli/comments_people.sh: managers' comments on the log and
# attachments, tested as people (issue 14).
#
#   comments_people.sh /path/to/tcrm
#
# Needs root (CI runs as root): it creates Unix accounts with a prefix
# unique to this run, runs tcrm as each of them with runuser and a clean
# environment, and deletes them at the end. One database in owned mode
# (tcrm init --shared by root, its admin):
#
#   login   role      manager
#   root    admin
#   M       manager
#   S1      sales     M         owns Anna Silva, logs a call
#   S2      sales     M         owns Bo Li
#
# The manager comments on S1's call; S2 (a salesperson) cannot, on S1's
# call or anyone's; the admin can; S1 sees the comments as new in
# `comments --unread` and in due's COMMENTS, marks them read, and then
# `due` is what it was without them. Attachments follow the record: S2
# neither sees nor attaches to S1's contact, and a file S1 cannot read
# (root's, mode 600) is refused with S1's own rights.
set -u
TCRM=$(realpath "$1")
. "$(dirname "$0")/as_users.sh"
office comments_people.sh tcrmk M=m S1=a S2=b
export TCRM_NOW="2026-12-07 10:00:00" LC_ALL=C.UTF-8 TZ=UTC


# ---- the office --------------------------------------------------------
as root init >/dev/null
chmod 666 "$DB"
as root init --shared
[[ $RC == 0 ]] && ok || bad init-shared "$ERR"
as root user add "$M" --role manager
as root user add "$S1" --role sales --manager "$M"
as root user add "$S2" --role sales --manager "$M"
as "$S1" contact add "Anna Silva"
as "$S2" contact add "Bo Li"
as "$S1" log 1 --kind call "asked for a quote"
as "$S2" log 2 --kind visit "showed the samples"
as "$S1" due
DUE_BEFORE=$OUT

# ---- who may comment -----------------------------------------------------------
as "$M" comment 1 "Send the quote today, with the 5% discount."
expect manager-comments 0 "comment 1 added to interaction 1" ""
refused sales-on-colleague 1 "tcrm: interaction 1: not found" "$S2" comment 1 "me too"
refused sales-on-own 1 "tcrm: only a manager of $S2 or an admin may comment on $S2's log; you are $S2" \
    "$S2" comment 2 "well done"
refused empty 1 "tcrm: comment: the text is empty" "$M" comment 1 "  "
refused missing 1 "tcrm: interaction 99: not found" "$M" comment 99 "where"
as root comment 1 "Agreed."
expect admin-comments 0 "comment 2 added to interaction 1" ""

# ---- the salesperson reads them ------------------------------------------------
as "$S1" comments --unread
expect unread 0 "2026-12-07 10:00 root on interaction 1 (Anna Silva: asked for a quote) [new]
  Agreed.
2026-12-07 10:00 $M on interaction 1 (Anna Silva: asked for a quote) [new]
  Send the quote today, with the 5% discount." ""
as "$S2" comments --unread
expect s2-none 0 "no new comments" ""
as "$S1" due
[[ $RC == 0 && "$OUT" == "$DUE_BEFORE
COMMENTS (2)
  root on interaction 1 (Anna Silva): Agreed.
  $M on interaction 1 (Anna Silva): Send the quote today, with the 5% discount." ]] \
    && ok || bad due-comments "$OUT" "--- before:" "$DUE_BEFORE"
as "$S1" comments --unread --mark-read
[[ $RC == 0 && "$OUT" == *"2 comments marked read" ]] && ok || bad mark-read "$OUT" "$ERR"
as "$S1" comments --unread
expect read-none 0 "no new comments" ""
as "$S1" comments
[[ $RC == 0 && "$OUT" != *"[new]"* && "$OUT" == *"Agreed."* ]] && ok || bad all-read "$OUT"
as "$S1" due
expect due-as-before 0 "$DUE_BEFORE" ""

# ---- attachments follow the record; files are read with the user's rights --------------
printf 'offer' > "$ROOT/offer.txt"
chmod 644 "$ROOT/offer.txt"
as "$S1" attach contact 1 "$ROOT/offer.txt"
[[ $RC == 0 && "$OUT" == "attached 1: offer.txt (text/plain, 5 B) to contact 1"* ]] && ok || bad s1-attach "$OUT" "$ERR"
refused s2-attach 1 "tcrm: contact 1: not found" "$S2" attach contact 1 "$ROOT/offer.txt"
refused s2-list 1 "tcrm: contact 1: not found" "$S2" attachments contact 1
refused s2-save 1 "tcrm: attachment 1: not found" "$S2" attachment save 1 -o "$ROOT/db/x"
refused s2-detach 1 "tcrm: attachment 1: not found" "$S2" detach 1
printf 'secret' > "$ROOT/secret.txt"
chmod 600 "$ROOT/secret.txt"
refused unreadable 1 "tcrm: $ROOT/secret.txt: Permission denied" \
    "$S1" attach contact 1 "$ROOT/secret.txt"
as "$M" attachments contact 1 --format csv
[[ $RC == 0 && "$OUT" == *"1,offer.txt,text/plain,5,"* ]] && ok || bad manager-sees "$OUT" "$ERR"

as root check
[[ $RC == 0 ]] && ok || bad check "$ERR"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
