#!/bin/bash
# Admins through the real lighttpd: the moderation queue (approve; reject with a reason the
# owner sees), suspend and restore listings and people (several at once), search, a charger's
# OCPP history, and the audit log of every action, filtered. Drivers and owners get 403.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

sql "DELETE FROM rate_limits" >/dev/null
s1='<script>alert(1)</script>'
s2="\"'><img src=x onerror=alert(1)>"
s3="'; DROP TABLE audit_log; --"
run=$$

# mail_to EMAIL: the newest message to EMAIL in the outbox (a file name), or nothing
mail_to() { grep -l "^To: <$1>" "$EVSHARE_OUTBOX"/new/* 2>/dev/null | xargs -r ls -t | head -1; }
# subject FILE: its Subject, decoded
subject() { python3 -c 'import email.header,sys; print(str(email.header.make_header(email.header.decode_header(open(sys.argv[1]).read().split("Subject: ",1)[1].split("\r\n")[0].split("\n")[0]))))' "$1"; }

# ---- roles
login drv driver@evshare.test
login own owner@evshare.test
login adm admin@evshare.test
for p in /admin /admin/listings /admin/listings/1 /admin/accounts /admin/audit; do
	get drv "$p"; check "a driver opening $p gets 403" [ "$status" = 403 ]
	get own "$p"; check "an owner opening $p gets 403" [ "$status" = 403 ]
	get adm "$p"; check "an admin opening $p gets 200" [ "$status" = 200 ]
done
get adm /admin
check "the header links the admin pages" grep -q 'href="/admin" aria-current="page"' "$tmp/body"
pend=$(sql "SELECT string_agg(id::text, ' ' ORDER BY id) FROM listings WHERE state = 'pending'")
first=${pend%% *}
check "the queue lists every pending listing" [ "$(grep -c 'name="id" value=' "$tmp/body")" = "$(echo $pend | wc -w)" ]
kw=$(sql "SELECT max_power_w / 1000 FROM connectors WHERE listing_id = $first AND type = 'type2' AND max_power_w % 1000 = 0 LIMIT 1")
check "the queue names connectors as people do (Type 2 · N kW)" bash -c "[ -n '$kw' ] && grep -q 'Type 2 · $kw kW' '$tmp/body'"
tok=$(token_of own /owner)
post_raw own /admin/listings "csrf=$tok" "action=approve" "id=$first"
check "an owner posting an approval gets 403" [ "$status" = 403 -a "$(sql "SELECT state FROM listings WHERE id = $first")" = pending ]
post_raw adm /admin/listings "action=approve" "id=$first"
check "an approval without CSRF is 403" [ "$status" = 403 -a "$(sql "SELECT state FROM listings WHERE id = $first")" = pending ]

# ---- reject needs a reason; the reason is stored as typed and the owner sees it escaped
post adm /admin/listings /admin "action=reject" "id=$first" "back=queue" "reason="
check "reject without a reason is re-rendered with the message" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-reason\"' '$tmp/body'"
check "nothing changed" [ "$(sql "SELECT state FROM listings WHERE id = $first")" = pending ]
post adm /admin/listings /admin "action=approve" "back=queue"
check "no listing chosen says so" grep -q 'id="e-id"' "$tmp/body"
reason="Photos missing $s1 $s2 $s3"
post adm /admin/listings /admin "action=reject" "id=$first" "back=queue" "reason=$reason"
check "reject redirects to the queue" [ "$status" = 303 -a "$(header Location)" = "/admin?m=done" ]
check "the listing is rejected with the reason as typed" [ "$(psql -X -tA -v r="$reason" <<<"SELECT state = 'rejected' AND state_reason = :'r' FROM listings WHERE id = $first")" = t ]
check "the audit log has who, what and why" [ "$(psql -X -tA -v r="$reason" <<<"SELECT count(*) FROM audit_log l JOIN accounts a ON a.id = l.actor_id WHERE a.email = 'admin@evshare.test' AND l.action = 'listing.reject' AND l.target_id = $first AND l.reason = :'r'")" = 1 ]
fowner=$(sql "SELECT a.email FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE l.id = $first")
flang=$(sql "SELECT lang FROM accounts WHERE email = '$fowner'")
m=$(mail_to "$fowner")
check "the owner is mailed the rejection" bash -c "[ -n '$m' ] && grep -q '/owner/listings/$first' '$m'"
check "with the reason as typed" grep -qF "$reason" "$m"
check "in the owner's language ($flang)" bash -c "if [ '$flang' = en ]; then grep -q 'did not approve' '$m'; else grep -q 'neschválil' '$m'; fi"
subj=$(subject "$m")
check "under a subject saying so" bash -c "[ '$subj' = 'Vaše nabídka nabíječky nebyla schválena' ] || [ '$subj' = 'Your charger listing was not approved' ]"
login fo "$fowner"
get fo "/owner/listings/$first"
check "the owner sees the rejection reason, escaped" bash -c "grep -qF 'Photos missing &lt;script&gt;' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"

# ---- approve several at once: they appear on the public map
rest=${pend#* }
args=(); for i in $rest; do args+=("id=$i"); done
post adm /admin/listings /admin "action=approve" "back=queue" "${args[@]}"
check "bulk approve redirects" [ "$status" = 303 ]
check "all of them are approved" [ "$(sql "SELECT bool_and(state = 'approved' AND approved_at IS NOT NULL) FROM listings WHERE id IN (${rest// /,})")" = t ]
for i in $rest; do
	o=$(sql "SELECT a.email FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE l.id = $i")
	check "the owner of listing $i is mailed the approval with its public page" bash -c "grep -l '/chargers/$i\$\|/chargers/$i.\$' \$(grep -l '^To: <$o>' '$EVSHARE_OUTBOX'/new/*) >/dev/null"
done
one=${rest%% *}
http GET "/chargers/$one"
check "an approved listing is public" [ "$status" = 200 ]
read lat lon <<<"$(sql "SELECT lat, lon FROM listings WHERE id = $one" | tr '|' ' ')"
http GET "/api/v1/chargers?bbox=$(python3 -c "print(f'{$lon-0.01},{$lat-0.01},{$lon+0.01},{$lat+0.01}')")"
check "and on the map API" [ "$(jqs "any(f['id'] == $one for f in d['features'])")" = True ]
get adm /admin
check "the queue is empty now (empty state)" grep -q 'empty-state' "$tmp/body"

# ---- suspend and restore listings (several), with the reason; search
two=$(sql "SELECT string_agg(id::text, ' ') FROM (SELECT id FROM listings WHERE state = 'approved' ORDER BY id LIMIT 2) x")
args=(); for i in $two; do args+=("id=$i"); done
post adm /admin/listings /admin/listings "action=suspend" "back=list" "reason=Safety check" "${args[@]}"
check "bulk suspend" [ "$(sql "SELECT bool_and(state = 'suspended' AND state_reason = 'Safety check') FROM listings WHERE id IN (${two// /,})")" = t ]
http GET "/chargers/${two%% *}"
check "a suspended listing is not public" [ "$status" = 404 ]
post adm /admin/listings /admin/listings "action=restore" "back=list" "${args[@]}"
check "bulk restore" [ "$(sql "SELECT bool_and(state = 'approved') FROM listings WHERE id IN (${two// /,})")" = t ]
post adm /admin/listings /admin/listings "action=restore" "back=list" "${args[@]}"
check "restoring what is not suspended says so" [ "$(header Location)" = "/admin/listings?m=partial" ]
t1=$(sql "SELECT title FROM listings WHERE state = 'approved' ORDER BY id LIMIT 1")
get adm "/admin/listings?q=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "${t1:0:12}")"
check "search finds a listing by title" grep -qF "$(html_esc "$t1")" "$tmp/body"
get adm "/admin/listings?q=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$s2")"
check "hostile search text is shown escaped in the box" bash -c "[ '$status' = 200 ] && ! grep -q '<img src=x' '$tmp/body' && grep -qF 'value=\"&quot;&#39;&gt;&lt;img' '$tmp/body'"
get adm "/admin/listings?q=%25"
check "a % in search is a plain character" [ "$status" = 200 ]
get adm "/admin/listings?state=suspended"
check "filter by state" [ "$status" = 200 ]

# ---- a charger's OCPP history
cpl=$(sql "SELECT cp.listing_id FROM ocpp_messages m JOIN charge_points cp ON cp.id = m.charge_point_id WHERE cp.listing_id IS NOT NULL LIMIT 1")
[ -z "$cpl" ] && cpl=$(sql "SELECT listing_id FROM charge_points WHERE listing_id IS NOT NULL LIMIT 1")
cpid=$(sql "SELECT id FROM charge_points WHERE listing_id = $cpl")
psql -X -q -v d="$s1" <<SQL
INSERT INTO ocpp_messages (charge_point_id, direction, message_type, unique_id, action, payload)
VALUES ($cpid, 'in', 2, 'u-$run', 'Heartbeat', json_build_object('note', :'d'));
INSERT INTO ocpp_messages (charge_point_id, direction, message_type, unique_id, action, payload,
                           answer_type, answered_at, answer)
VALUES ($cpid, 'in', 2, 'v-$run', 'DataTransfer', '{}', 3, now(), json_build_object('answer-$run', :'d'));
INSERT INTO security_events (charge_point_id, identity, kind, detail) VALUES ($cpid, 'x', 'auth_failed', :'d');
SQL
get adm "/admin/listings/$cpl"
check "the charger page shows its OCPP messages" grep -q 'class="data ocpp-messages"' "$tmp/body"
check "a CALL logged with its answer shows both" bash -c "grep -qF '2 → 3' '$tmp/body' && grep -qF 'answer-$run' '$tmp/body'"
check "and its security events" grep -q 'auth_failed' "$tmp/body"
check "hostile payloads are escaped" bash -c "! grep -q '<script>alert' '$tmp/body'"
get adm "/admin/listings/999999999"
check "an unknown listing is 404" [ "$status" = 404 ]

# ---- people: suspend (signed out at once), restore, not oneself
pemail="pat.$run@example.test"; pw="Zelena-louka-$run"
post pat /register /register "email=$pemail" "name=Pat $s1" "password=$pw" "password2=$pw"
pid=$(sql "SELECT id FROM accounts WHERE email = '$pemail'")
sql "UPDATE accounts SET lang = 'en' WHERE id = $pid" >/dev/null
login pat "$pemail" "$pw"
get adm "/admin/accounts?q=pat.$run"
check "search people by e-mail" bash -c "grep -q 'value=\"$pid\"' '$tmp/body' && grep -qF 'Pat &lt;script&gt;' '$tmp/body'"
post adm /admin/accounts /admin/accounts "action=suspend" "id=$pid"
check "suspending needs a reason" grep -q 'id="e-reason"' "$tmp/body"
post adm /admin/accounts /admin/accounts "action=suspend" "id=$pid" "reason=Spam"
check "suspend redirects" [ "$status" = 303 ]
check "the person is suspended" [ "$(sql "SELECT state || ':' || state_reason FROM accounts WHERE id = $pid")" = "suspended:Spam" ]
get pat /account
check "and signed out at once" [ "$status" = 303 ]
m=$(mail_to "$pemail")
check "the person is mailed the suspension, in their language (en), with the reason" bash -c "[ -n '$m' ] && grep -q 'suspended your evshare account' '$m' && grep -q '^Spam' '$m' && grep -q 'Reason:' '$m'"
check "under a subject saying so" [ "$(subject "$m")" = "Your evshare account is suspended" ]
login pat "$pemail" "wrong-$pw"
check "a wrong password for a suspended account says only: wrong e-mail or password" bash -c "[ '$status' = 200 ] && grep -q 'Neplatný e-mail nebo heslo\|Wrong e-mail or password' '$tmp/body' && ! grep -q 'pozastaven\|suspended' '$tmp/body'"
login pat "$pemail" "$pw"
check "the right one cannot log in either" bash -c "[ '$status' = 403 ] && ! grep -qi '^Set-Cookie: ev_s=' '$tmp/headers'"
check "but is told the account is suspended, translated" grep -q 'Váš účet je pozastaven' "$tmp/body"
http GET /login -H 'Accept-Language: en' -b "$tmp/pat.jar" -c "$tmp/pat.jar"
t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/body" | head -1)
http POST /login -H 'Accept-Language: en' -b "$tmp/pat.jar" --data-urlencode "csrf=$t" --data-urlencode "email=$pemail" --data-urlencode "password=$pw"
check "and in English" grep -q 'Your account is suspended' "$tmp/body"
post adm /admin/accounts /admin/accounts "action=restore" "id=$pid"
check "restore" [ "$(sql "SELECT state FROM accounts WHERE id = $pid")" = active ]
m=$(mail_to "$pemail")
check "the person is mailed that the account is active again" grep -q 'active again' "$m"
check "under a subject saying so" [ "$(subject "$m")" = "Your evshare account is active again" ]
aid=$(sql "SELECT id FROM accounts WHERE email = 'admin@evshare.test'")
post adm /admin/accounts /admin/accounts "action=suspend" "id=$aid" "reason=oops"
check "an admin cannot suspend themselves" [ "$(sql "SELECT state FROM accounts WHERE id = $aid")" = active ]

post adm /admin/accounts /admin/accounts "action=grant_admin" "id=$pid"
check "an admin grants the admin role" [ "$(sql "SELECT is_admin FROM accounts WHERE id = $pid")" = t ]
login pat "$pemail" "$pw"
get pat /admin
check "the new admin opens the admin pages" [ "$status" = 200 ]
post adm /admin/accounts /admin/accounts "action=revoke_admin" "id=$pid"
check "and takes it back" [ "$(sql "SELECT is_admin FROM accounts WHERE id = $pid")" = f ]
get pat /admin
check "after which the admin pages are 403 again" [ "$status" = 403 ]
post adm /admin/accounts /admin/accounts "action=revoke_admin" "id=$aid"
check "an admin cannot take their own role" [ "$(sql "SELECT is_admin FROM accounts WHERE id = $aid")" = t ]
check "grants are audited" [ "$(sql "SELECT count(*) FROM audit_log WHERE action IN ('account.grant_admin', 'account.revoke_admin') AND target_id = $pid")" = 2 ]

# ---- suspending a host takes their listings off the map, restoring brings them back
hemail=$(sql "SELECT a.email FROM accounts a JOIN listings l ON l.owner_id = a.id WHERE l.state = 'approved' AND NOT a.is_admin GROUP BY a.email ORDER BY a.email LIMIT 1")
hid=$(sql "SELECT id FROM accounts WHERE email = '$hemail'")
hl=$(sql "SELECT string_agg(id::text, ',') FROM listings WHERE owner_id = $hid AND state = 'approved'")
# one of them paused by its owner, one awaiting approval: each comes back as it was (3.9)
hp=$(sql "SELECT l.id FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = 'owner@evshare.test' AND l.state = 'approved' ORDER BY l.id LIMIT 1")
hpo=$(sql "SELECT owner_id FROM listings WHERE id = $hp")
[ "$hpo" = "$hid" ] || { hid=$hpo; hemail=$(sql "SELECT email FROM accounts WHERE id = $hid"); hl=$(sql "SELECT string_agg(id::text, ',') FROM listings WHERE owner_id = $hid AND state = 'approved'"); }
sql "UPDATE listings SET state = 'paused' WHERE id = $hp" >/dev/null
hl=$(sql "SELECT string_agg(id::text, ',') FROM listings WHERE owner_id = $hid AND state = 'approved'")
before=$(sql "SELECT string_agg(id || ':' || state, ' ' ORDER BY id) FROM listings WHERE owner_id = $hid")
check "the host has approved listings and a paused one" bash -c "[ -n '$hl' ] && echo '$before' | grep -q '$hp:paused'"
post adm /admin/accounts /admin/accounts "action=suspend" "id=$hid" "reason=Fraud check"
check "a suspended host's listings are suspended with the account" [ "$(sql "SELECT bool_and(state = 'suspended') FROM listings WHERE id IN ($hl,$hp)")" = t ]
http GET "/chargers/${hl%%,*}"
check "and are not public" [ "$status" = 404 ]
post adm /admin/accounts /admin/accounts "action=restore" "id=$hid"
check "restoring the host gives each listing back its state (the paused one stays paused)" [ "$(sql "SELECT string_agg(id || ':' || state, ' ' ORDER BY id) FROM listings WHERE owner_id = $hid")" = "$before" ]
check "the approved ones are public again" [ "$(sql "SELECT bool_and(state = 'approved') FROM listings WHERE id IN ($hl)")" = t ]
http GET "/chargers/$hp"
check "the paused one is not" [ "$status" = 404 ]
check "and nothing is left remembered" [ "$(sql "SELECT count(*) FROM listings WHERE owner_id = $hid AND state_before_suspension IS NOT NULL")" = 0 ]
sql "UPDATE listings SET state = 'approved' WHERE id = $hp" >/dev/null

# ---- the audit log, filtered
get adm "/admin/audit?action=account.suspend"
check "audit filtered by action" bash -c "grep -q 'account.suspend' '$tmp/body' && ! grep -q '<code>listing.approve</code>' '$tmp/body'"
get adm "/admin/audit?target_type=listing&target_id=$first"
check "audit filtered by target shows the rejection, escaped" bash -c "grep -q 'listing.reject' '$tmp/body' && grep -qF 'Photos missing &lt;script&gt;' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body'"
get adm "/admin/audit?actor=admin@evshare.test"
check "audit filtered by admin" grep -q 'admin@evshare.test' "$tmp/body"
get adm "/admin/audit?target_id=abc"
check "a bad filter is 400" [ "$status" = 400 ]
check "every admin action above is in the log" [ "$(sql "SELECT count(*) FROM audit_log l JOIN accounts a ON a.id = l.actor_id WHERE a.email = 'admin@evshare.test' AND l.action IN ('listing.approve','listing.reject','listing.suspend','listing.restore','account.suspend','account.restore') AND l.at > now() - interval '10 minutes'")" -ge $(( $(echo $rest | wc -w) + 1 + 4 + 2 )) ]
finish
