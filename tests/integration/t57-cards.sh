#!/bin/bash
# RFID cards on the account page through the real lighttpd (issue 10/4): add, the UID rules
# (CiString20: case-insensitive, printable ASCII without spaces, 1-20), anyone's UID refused
# without saying whose, the label one line of plain text, at most 10 cards; block, unblock,
# delete; someone else's card 404, no CSRF 403, an unverified account refused; a card an admin
# blocked cannot be unblocked nor deleted by its driver.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

sql "DELETE FROM rate_limits" >/dev/null
run=$$
me=owner@evshare.test
mid=$(sql "SELECT id FROM accounts WHERE email = '$me'")
sql "UPDATE accounts SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $mid" >/dev/null
sql "DELETE FROM id_tags WHERE account_id = $mid" >/dev/null
cards() { sql "SELECT count(*) FROM id_tags WHERE account_id = $mid"; }
login a "$me"

get a /account
check "the account page has the cards section" grep -q 'id="cards"' "$tmp/body"
check "with the add form" grep -q 'action="/account/cards"' "$tmp/body"

uid="T57a-$run"
post a /account/cards /account "uid=$uid" "label=Garáž <b>x</b>"
check "adding a card redirects to the account page" [ "$status" = 303 -a "$(header Location)" = "/account?m=card_added#cards" ]
check "the card is stored as typed" [ "$(sql "SELECT id_tag || '|' || label || '|' || status FROM id_tags WHERE account_id = $mid")" = "$uid|Garáž <b>x</b>|Accepted" ]
get a /account
check "the page lists its UID" grep -qF "<code>$uid</code>" "$tmp/body"
check "and its label, escaped" grep -qF 'Garáž &lt;b&gt;x&lt;/b&gt;' "$tmp/body"
check "and when it was added" grep -qF "$(TZ=Europe/Prague date +%d.%m.%Y)" "$tmp/body"

lower=$(echo "$uid" | tr A-Z a-z)
post a /account/cards /account "uid=$lower" "label=again"
check "the same UID in another case is a form error" [ "$status" = 200 ] && grep -q 'id="e-uid"' "$tmp/body"
check "nothing was added" [ "$(cards)" = 1 ]

other=$(sql "SELECT id_tag FROM id_tags t JOIN accounts a ON a.id = t.account_id WHERE a.email = 'driver@evshare.test' LIMIT 1")
olabel=$(sql "SELECT label FROM id_tags WHERE id_tag = '$other'")
post a /account/cards /account "uid=$(echo "$other" | tr A-Z a-z)"
check "someone else's UID is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-uid\"' '$tmp/body'"
check "which says nothing of whose" bash -c "! grep -qF '$(html_esc "$olabel")' '$tmp/body' && ! grep -q 'Svoboda' '$tmp/body'"
check "the other person's card is untouched" [ "$(sql "SELECT account_id FROM id_tags WHERE id_tag = '$other'")" != "$mid" ]

for bad in "has space" "Čárka1" "ABCDEFGHIJKLMNOPQRSTU" "tab	x"; do
	post a /account/cards /account "uid=$bad"
	check "a bad UID ('$bad') is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-uid\"' '$tmp/body'"
done
post a /account/cards /account "uid="
check "an empty UID is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-uid\"' '$tmp/body'"
post a /account/cards /account "uid=T57b-$run" "label=two
lines"
check "a label with a line break is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-label\"' '$tmp/body'"
post a /account/cards /account "uid=T57b-$run" "label=bell$(printf '\a')"
check "a label with a control character is refused (400)" [ "$status" = 400 ]
post a /account/cards /account "uid=T57b-$run" "label=x$(printf '\u200f')y"
check "a label with an invisible direction mark is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-label\"' '$tmp/body'"
post a /account/cards /account "uid=T57b-$run" "label=$(printf 'x%.0s' $(seq 81))"
check "a label over 80 characters is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-label\"' '$tmp/body'"
check "none of the bad ones was stored" [ "$(cards)" = 1 ]

for i in 2 3 4 5 6 7 8 9 10; do post a /account/cards /account "uid=T57-$i-$run" "label=card $i"; done
check "ten cards are allowed" [ "$(cards)" = 10 ]
post a /account/cards /account "uid=T57-11-$run"
check "the 11th card is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-uid\"' '$tmp/body'"
check "and is not stored" [ "$(cards)" = 10 ]

cid=$(sql "SELECT id FROM id_tags WHERE id_tag = '$uid'")
post a /account/cards/$cid/block /account
check "block redirects" [ "$status" = 303 -a "$(header Location)" = "/account?m=card_blocked#cards" ]
check "the card is Blocked" [ "$(sql "SELECT status FROM id_tags WHERE id = $cid")" = Blocked ]
get a /account
check "the page offers unblock" grep -q "action=\"/account/cards/$cid/unblock\"" "$tmp/body"
post a /account/cards/$cid/unblock /account
check "unblock makes it Accepted" [ "$status" = 303 -a "$(sql "SELECT status FROM id_tags WHERE id = $cid")" = Accepted ]
post_raw a /account/cards/$cid/block "confirm=1"
check "block without a CSRF token is 403" [ "$status" = 403 ]
check "and changes nothing" [ "$(sql "SELECT status FROM id_tags WHERE id = $cid")" = Accepted ]
http POST /account/cards/$cid/block -d confirm=1
check "block when not signed in is 403" [ "$status" = 403 ]

oid=$(sql "SELECT id FROM id_tags WHERE id_tag = '$other'")
ostate=$(sql "SELECT status FROM id_tags WHERE id = $oid")
for act in block unblock delete; do
	post a /account/cards/$oid/$act /account
	check "$act of another account's card is 404" [ "$status" = 404 ]
done
check "the other card is unchanged" [ "$(sql "SELECT status FROM id_tags WHERE id = $oid")" = "$ostate" ]
post a /account/cards/999999999999/delete /account
check "a card that does not exist is 404" [ "$status" = 404 ]

post a /account/cards/$cid/delete /account
check "delete redirects" [ "$status" = 303 -a "$(header Location)" = "/account?m=card_deleted#cards" ]
check "the card is gone" [ "$(sql "SELECT count(*) FROM id_tags WHERE id = $cid")" = 0 ]
post a /account/cards /account "uid=$uid"
check "a deleted UID can be added again" [ "$status" = 303 ]

# ---- a card an admin blocked
aid=$(sql "SELECT id FROM id_tags WHERE id_tag = 'T57-2-$run'")
sql "UPDATE id_tags SET status = 'Blocked', blocked_by_admin = true WHERE id = $aid" >/dev/null
get a /account
check "the page says an admin blocked it" grep -q 'blocked by an admin\|zablokoval administrátor' "$tmp/body"
check "and offers no unblock for it" bash -c "! grep -q 'action=\"/account/cards/$aid/unblock\"' '$tmp/body'"
post a /account/cards/$aid/unblock /account
check "the driver's unblock is refused with a message" [ "$status" = 303 -a "$(header Location)" = "/account?m=card_admin#cards" ]
check "it stays Blocked" [ "$(sql "SELECT status FROM id_tags WHERE id = $aid")" = Blocked ]
post a /account/cards/$aid/delete /account
check "the driver cannot delete it either" [ "$status" = 303 -a "$(sql "SELECT count(*) FROM id_tags WHERE id = $aid")" = 1 ]


# ---- an admin blocks a card through the admin pages, with a reason in the audit log
login adm admin@evshare.test
get adm /admin/accounts
check "the admin's account list links each person's cards" grep -q "href=\"/admin/accounts/$mid/cards\"" "$tmp/body"
get adm /admin/accounts/$mid/cards
check "the admin sees the person's cards" bash -c "[ '$status' = 200 ] && grep -qF '<code>T57-3-$run</code>' '$tmp/body'"
bid=$(sql "SELECT id FROM id_tags WHERE id_tag = 'T57-3-$run'")
post adm /admin/cards/$bid /admin/accounts/$mid/cards "action=block" "reason="
check "an admin's block without a reason is a form error" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-reason\"' '$tmp/body'"
check "and blocks nothing" [ "$(sql "SELECT status FROM id_tags WHERE id = $bid")" = Accepted ]
post adm /admin/cards/$bid /admin/accounts/$mid/cards "action=block" "reason=lost, reported by phone"
check "the admin blocks the card" [ "$status" = 303 -a "$(sql "SELECT status || ' ' || blocked_by_admin FROM id_tags WHERE id = $bid")" = "Blocked true" ]
check "the block is in the audit log with its reason" [ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'card.block' AND target_type = 'card' AND target_id = $bid AND reason = 'lost, reported by phone'")" = 1 ]
post a /account/cards/$bid/unblock /account
check "the driver cannot unblock the admin's block" [ "$(header Location)" = "/account?m=card_admin#cards" -a "$(sql "SELECT status FROM id_tags WHERE id = $bid")" = Blocked ]
post a /account/cards/$bid/block /account
post adm /admin/cards/$bid /admin/accounts/$mid/cards "action=unblock" "reason=found"
check "the admin unblocks it" [ "$(sql "SELECT status || ' ' || blocked_by_admin FROM id_tags WHERE id = $bid")" = "Accepted false" ]
check "the unblock is audited" [ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'card.unblock' AND target_id = $bid")" = 1 ]
post a /admin/cards/$bid /account "action=block" "reason=x"
check "a driver's POST to the admin's block is 403" [ "$status" = 403 ]
post adm /admin/cards/999999999999 /admin/accounts/$mid/cards "action=block" "reason=x"
check "an admin's block of no card is 404" [ "$status" = 404 ]
get adm /admin/audit
check "the audit page names the card action" grep -q 'Card blocked\|Karta zablokována' "$tmp/body"

# ---- an unverified account
email="cards.$run@example.test"; pw="Zelena-louka-$run"
post u /register /register "email=$email" "name=Uma" "password=$pw" "password2=$pw"
sql "UPDATE accounts SET email_verified_at = NULL WHERE email = '$email'" >/dev/null
login u "$email" "$pw"
get u /account
check "an unverified account sees why there is no card form" bash -c "[ '$status' = 200 ] && grep -q 'id=\"cards\"' '$tmp/body' && ! grep -q 'action=\"/account/cards\"' '$tmp/body' && grep -q 'action=\"/verify/resend\"' '$tmp/body'"
post u /account/cards /account "uid=T57u-$run"
check "its POST is refused" [ "$status" = 303 -a "$(header Location)" = "/account?m=need_verify" ]
check "and stores nothing" [ "$(sql "SELECT count(*) FROM id_tags WHERE upper(id_tag) = upper('T57u-$run')")" = 0 ]

sql "DELETE FROM id_tags WHERE account_id = $mid" >/dev/null
finish
