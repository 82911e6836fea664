#!/bin/bash
# Owners through the real lighttpd: the listing form (values kept, hostile text escaped and
# stored as typed), moderation state, connecting a charger (password shown once, regenerate,
# test connection through ocpp_commands), pause/resume/delete, bulk prices; and the denials:
# CSRF 403, drivers 403, someone else's listing 404.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

sql "DELETE FROM rate_limits" >/dev/null
s1='<script>alert(1)</script>'
s2="\"'><img src=x onerror=alert(1)>"
s3="'; DROP TABLE listings; --"
run=$$

# ---- roles
login drv driver@evshare.test
for p in /owner /owner/listings/new; do
	get drv "$p"
	check "a driver opening $p gets 403" [ "$status" = 403 ]
done
http GET /owner
check "a stranger opening /owner is sent to log in" [ "$status" = 303 -a "$(header Location)" = "/login?next=/owner" ]
login own owner@evshare.test
get own /owner
check "the owner dashboard is 200" [ "$status" = 200 ]
check "it lists the owner's listings" [ "$(grep -c 'href="/owner/listings/[0-9]*"' "$tmp/body")" = "$(sql "SELECT count(*) FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = 'owner@evshare.test' AND l.state <> 'deleted'")" ]
check "the header links My chargers" grep -q 'href="/owner" aria-current="page"' "$tmp/body"
other=$(sql "SELECT l.id FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email <> 'owner@evshare.test' AND l.state = 'approved' LIMIT 1")
get own "/owner/listings/$other"
check "another owner's listing is 404" [ "$status" = 404 ]
get own "/owner/listings/$other/live"
check "another owner's live panel is 404" [ "$status" = 404 ]
for a in password test pause delete; do
	post own "/owner/listings/$other/$a" /owner "confirm=1"
	check "POST $a on another owner's listing is 404" [ "$status" = 404 ]
done
check "another owner's listing is untouched" [ "$(sql "SELECT state FROM listings WHERE id = $other")" = approved ]

# ---- a new host: empty state first
email="host.$run@example.test"; pw="Zelena-louka-$run"
post h /register /register "email=$email" "name=Host $run" "password=$pw" "password2=$pw"
link=$(mail_link "$email"); token=${link##*token=}
post h /verify "/verify?token=$token" "token=$token"
post h /account/host /account
check "become a host leads to the dashboard" [ "$(header Location)" = "/owner?m=host" ]
get h "/owner?m=host"
check "an empty dashboard invites to list a charger" bash -c "grep -q 'empty-state' '$tmp/body' && grep -q 'href=\"/owner/listings/new\"' '$tmp/body'"

# ---- the listing form: invalid input kept with messages
get h /owner/listings/new
check "the new listing form is 200 with the map pin" bash -c "[ '$status' = 200 ] && grep -q 'id=\"pin-map\"' '$tmp/body'"
post h /owner/listings/new /owner/listings/new "title=$s1" "description=$s2" "address=x" "city=$s3" \
	"lat=91" "lon=14.4" "access=$s2" "c1_type=type2" "c1_kw=500" "c2_type=ccs2" "c2_kw=" "price=abc" \
	"d1=8:00-8:00" "d2=25:00-26:00" "blocked=2026-02-30" "auto_accept=1"
check "an invalid listing is re-rendered (200)" [ "$status" = 200 ]
for f in address lat c1_kw c2_kw price d1 d2 blocked; do
	check "message at $f" grep -q "id=\"e-$f\"" "$tmp/body"
done
check "the typed title is kept, escaped" grep -qF 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' "$tmp/body"
check "the typed description is kept, escaped" grep -qF '&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>' "$tmp/body"
check "the typed city is kept" grep -qF "value=\"&#39;; DROP TABLE listings; --\"" "$tmp/body"
check "the typed times are kept" bash -c "grep -q 'name=\"d1\" value=\"8:00-8:00\"' '$tmp/body' && grep -q 'name=\"d2\" value=\"25:00-26:00\"' '$tmp/body'"
check "the message names the day, the window and what is wrong (end equals start)" grep -q 'id="e-d1">Pondělí, okno 1 (8:00-8:00): konec je stejný jako začátek' "$tmp/body"
check "a time that is no time is said so" grep -q 'id="e-d2">Úterý, okno 1 (25:00-26:00): toto není čas' "$tmp/body"
check "the chosen second connector is kept" grep -q '<option value="ccs2" selected>' "$tmp/body"
check "nothing was stored" [ "$(sql "SELECT count(*) FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = '$email'")" = 0 ]
post h /owner/listings/new /owner/listings/new "title=Garage" "address=Street 1" "lat=0" "lon=0" "c1_type=type2" "c1_kw=11" "price=7" "auto_accept=1"
check "an untouched pin (0, 0) is refused" grep -q 'id="e-lat"' "$tmp/body"
# a right-to-left override (U+202E) or a zero-width space (U+200B) in a title or a city would
# make a listing read differently from what it is
rlo=$'\xe2\x80\xae' zwsp=$'\xe2\x80\x8b'
post h /owner/listings/new /owner/listings/new "title=Garage ${rlo}evil" "address=Street 1" \
	"city=Pra${zwsp}ha" "lat=50" "lon=14" "c1_type=type2" "c1_kw=11" "price=7" "auto_accept=1"
check "invisible bidi or zero-width characters in a title and a city are refused, field by field" \
	bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-title\"' '$tmp/body' && grep -q 'id=\"e-city\"' '$tmp/body' && ! grep -q 'id=\"e-address\"' '$tmp/body'"
check "and nothing was stored" [ "$(sql "SELECT count(*) FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = '$email'")" = 0 ]
post_raw h /owner/listings/new "title=Garage" "address=Street 1" "lat=50" "lon=14" "c1_type=type2" "c1_kw=11" "price=7" "auto_accept=1"
check "the listing form without CSRF is 403" [ "$status" = 403 ]

# ---- a hostile but valid listing: stored as typed, shown escaped
evil="$s1 $s2 $s3"
post h /owner/listings/new /owner/listings/new "title=${evil:0:120}" "description=$evil" "address=$evil" "city=${evil:0:80}" \
	"lat=50.0755" "lon=14.4378" "access=$evil" "c1_type=type2" "c1_kw=11" "c2_type=schuko" "c2_kw=2.3" "price=6,50" \
	"idle_fee=0,50" "idle_grace=15" "session_fee=10" "d1=8:00–12:00, 13:00 - 20:00" "d5=18:00–7:00" "d7=9.00-17" \
	"blocked=2030-12-24, 2030-12-25" "auto_accept=0"
check "a valid listing redirects to its page" bash -c "[ '$status' = 303 ] && echo '$(header Location)' | grep -q '^/owner/listings/[0-9]*?m=created$'"
lid=$(sql "SELECT l.id FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = '$email'")
check "it waits for moderation" [ "$(sql "SELECT state FROM listings WHERE id = $lid")" = pending ]
check "title, description, address, city and access stored as typed" [ "$(psql -X -tA -v e="$evil" <<<"SELECT title = left(:'e', 120) AND description = :'e' AND address = :'e' AND city = left(:'e', 80) AND access_instructions = :'e' FROM listings WHERE id = $lid")" = t ]
check "the tariff in minor units" [ "$(sql "SELECT price_per_kwh || ',' || idle_fee_per_min || ',' || idle_grace_min || ',' || session_fee FROM tariffs WHERE listing_id = $lid")" = "650,50,15,1000" ]
check "two connectors in W" [ "$(sql "SELECT string_agg(connector_id || ':' || type || ':' || max_power_w, ' ' ORDER BY connector_id) FROM connectors WHERE listing_id = $lid")" = "1:type2:11000 2:schuko:2300" ]
check "weekly windows: two on Monday, Friday's night split at midnight, h:mm and h.mm" [ "$(sql "SELECT string_agg(weekday || ':' || start_min || '-' || end_min, ' ' ORDER BY weekday, start_min) FROM availability_windows WHERE listing_id = $lid")" = "1:480-720 1:780-1200 5:1080-1440 6:0-420 7:540-1020" ]
check "blocked dates" [ "$(sql "SELECT string_agg(day::text, ' ' ORDER BY day) FROM blocked_dates WHERE listing_id = $lid")" = "2030-12-24 2030-12-25" ]
check "bookings approved by hand" [ "$(sql "SELECT auto_accept FROM listings WHERE id = $lid")" = f ]
identity=$(sql "SELECT identity FROM charge_points WHERE listing_id = $lid")
check "a charge point identity exists" [ -n "$identity" ]
get h "/owner/listings/$lid"
check "the listing page is 200" [ "$status" = 200 ]
check "nothing hostile is live on it" bash -c "! grep -q '<script>alert' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"
check "the title is shown escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/body"
check "it shows the OCPP URL and identity" bash -c "grep -qF 'ws://127.0.0.1:$EVSHARE_HTTP_PORT/ocpp/$identity' '$tmp/body' && grep -qF '>$identity</code>' '$tmp/body'"
check "it says it waits for approval" grep -q 'state-pending' "$tmp/body"
get h /owner
check "the dashboard lists it, escaped" bash -c "grep -q 'href=\"/owner/listings/$lid\"' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body'"
http GET "/chargers/$lid"
check "a pending listing is not public" [ "$status" = 404 ]
get own "/owner/listings/$lid"
check "the other owner cannot open it (404)" [ "$status" = 404 ]

# ---- the charger's password: shown once, regenerated, stored hashed
post h "/owner/listings/$lid/password" "/owner/listings/$lid"
check "generating a password redirects to the listing page (post/redirect/get)" [ "$status" = 303 -a "$(header Location)" = "/owner/listings/$lid?m=password" ]
get own "/owner/listings/$lid?m=password"
check "another owner opening the listing gets 404 (and does not take the password)" [ "$status" = 404 ]
get h "/owner/listings/$lid?m=password"
cpw=$(sed -n 's/.*id="ocpp-password">\([A-Za-z0-9]*\)<.*/\1/p' "$tmp/body")
check "the listing page shows the password once (24 characters)" [ "$status" = 200 -a "${#cpw}" = 24 ]
check "stored as argon2id, not as typed" [ "$(sql "SELECT password_hash LIKE '\$argon2id\$%' AND password_hash NOT LIKE '%$cpw%' FROM charge_points WHERE listing_id = $lid")" = t ]
check "nothing of it is kept once shown" [ "$(sql "SELECT count(*) FROM listing_secret_once WHERE listing_id = $lid")" = 0 ]
hash1=$(sql "SELECT password_hash FROM charge_points WHERE listing_id = $lid")
get h "/owner/listings/$lid?m=password"
check "reloading the page does not show it again" bash -c "[ '$status' = 200 ] && ! grep -q '$cpw' '$tmp/body' && ! grep -q 'id=\"ocpp-password\"' '$tmp/body'"
check "and does not make another password" [ "$(sql "SELECT password_hash FROM charge_points WHERE listing_id = $lid")" = "$hash1" ]
http GET "/no-such-page" -b "$tmp/h.jar"
check "a 404 page shows the signed-in person's name and Log out, not Log in / Register" bash -c "[ '$status' = 404 ] && grep -q 'class=\"nav-account\"' '$tmp/body' && grep -q 'action=\"/logout\"' '$tmp/body' && ! grep -q 'href=\"/register\"' '$tmp/body' && ! grep -q 'href=\"/login\"' '$tmp/body'"
get h "/owner/listings/$lid"
check "it is not shown again" bash -c "! grep -q '$cpw' '$tmp/body' && ! grep -q 'id=\"ocpp-password\"' '$tmp/body'"
http GET "/owner/listings/$lid/password" -b "$tmp/h.jar"
check "a GET of the password address (a reload after the old POST) is a 405 page that shows who is signed in" bash -c "[ '$status' = 405 ] && grep -q 'class=\"nav-account\"' '$tmp/body' && grep -q 'Host $run' '$tmp/body' && ! grep -q 'href=\"/register\"' '$tmp/body'"
old=$(sql "SELECT password_hash FROM charge_points WHERE listing_id = $lid")
post h "/owner/listings/$lid/password" "/owner/listings/$lid"
check "regenerating changes the stored hash" [ "$(sql "SELECT password_hash <> \$\$$old\$\$ FROM charge_points WHERE listing_id = $lid")" = t ]
post_raw h "/owner/listings/$lid/password" "x=1"
check "password without CSRF is 403" [ "$status" = 403 ]

# ---- test connection: a TriggerMessage row in the command queue, its outcome on the page
post h "/owner/listings/$lid/test" "/owner/listings/$lid"
check "test connection redirects" [ "$status" = 303 ]
check "a TriggerMessage(StatusNotification) is queued" [ "$(sql "SELECT count(*) FROM ocpp_commands oc JOIN charge_points cp ON cp.id = oc.charge_point_id WHERE cp.listing_id = $lid AND oc.action = 'TriggerMessage' AND oc.payload->>'requestedMessage' = 'StatusNotification'")" = 1 ]
get h "/owner/listings/$lid"
check "the page shows the command and its state" grep -q 'TriggerMessage' "$tmp/body"
get h "/owner/listings/$lid/live"
check "the live panel JSON says not connected" [ "$(jqs "d['connected']")" = False ]
check "and lists the command" [ "$(jqs "d['commands'][0]['action']")" = TriggerMessage ]
post_raw h "/owner/listings/$lid/test" "x=1"
check "test without CSRF is 403" [ "$status" = 403 ]

# ---- editing: the form comes filled in; invalid input kept; a rejected listing goes back to moderation
get h "/owner/listings/$lid/edit"
check "the edit form is 200" [ "$status" = 200 ]
check "it is filled with the stored values, escaped" bash -c "grep -qF 'value=\"6,50\"' '$tmp/body' && grep -q 'name=\"d1\" value=\"8:00–12:00, 13:00–20:00\"' '$tmp/body' && grep -q 'name=\"d5\" value=\"18:00–7:00\"' '$tmp/body' && grep -q 'name=\"d6\" value=\"\"' '$tmp/body' && grep -qF '2030-12-24, 2030-12-25</textarea>' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body'"
check "it shows the connectors but does not edit them" bash -c "! grep -q 'name=\"c1_type\"' '$tmp/body' && grep -q 'Schuko' '$tmp/body'"
get own "/owner/listings/$lid/edit"
check "another owner cannot open the edit form (404)" [ "$status" = 404 ]
get drv "/owner/listings/$lid/edit"
check "a driver cannot (403)" [ "$status" = 403 ]
post h "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=ab" "address=Street 2" "lat=50.1" "lon=14.5" "price=7" "d3=10:00" "auto_accept=1"
check "an invalid edit is re-rendered with messages and values" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-title\"' '$tmp/body' && grep -q 'id=\"e-d3\"' '$tmp/body' && grep -q 'value=\"Street 2\"' '$tmp/body'"
sql "UPDATE listings SET state = 'rejected', state_reason = 'fix the title' WHERE id = $lid" >/dev/null
post h "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=Garage $s2" "description=New $s1" "address=Street 2" "city=Praha" "lat=50.1" "lon=14.5" "access=Gate code $s3" "price=7,20" "d3=10:00–18:00" "blocked=" "auto_accept=1"
check "a valid edit redirects to the listing" [ "$status" = 303 -a "$(header Location)" = "/owner/listings/$lid?m=edited" ]
check "the edit is stored as typed" [ "$(psql -X -tA -v t="Garage $s2" -v a="Gate code $s3" <<<"SELECT title = :'t' AND access_instructions = :'a' AND lat = 50.1 AND auto_accept FROM listings WHERE id = $lid")" = t ]
check "the rejected listing is back in moderation, the reason cleared" [ "$(sql "SELECT state || ':' || coalesce(state_reason, '-') FROM listings WHERE id = $lid")" = "pending:-" ]
check "the price, windows and blocked dates are replaced" [ "$(sql "SELECT (SELECT price_per_kwh FROM tariffs WHERE listing_id = $lid) || '|' || (SELECT string_agg(weekday || ':' || start_min || '-' || end_min, ' ') FROM availability_windows WHERE listing_id = $lid) || '|' || (SELECT count(*) FROM blocked_dates WHERE listing_id = $lid)")" = "720|3:600-1080|0" ]
check "the connectors are untouched" [ "$(sql "SELECT count(*) FROM connectors WHERE listing_id = $lid")" = 2 ]
post own "/owner/listings/$lid/edit" "/owner" "title=Stolen" "address=Street 3" "lat=50.1" "lon=14.5" "price=1" "auto_accept=1"
check "another owner's edit is 404 and changes nothing" [ "$status" = 404 -a "$(sql "SELECT title FROM listings WHERE id = $lid")" = "Garage $s2" ]
post_raw h "/owner/listings/$lid/edit" "title=Stolen" "address=Street 3" "lat=50.1" "lon=14.5" "price=1" "auto_accept=1"
check "an edit without CSRF is 403" [ "$status" = 403 ]

# ---- pause / resume only from the right state; delete
post h "/owner/listings/$lid/pause" "/owner/listings/$lid"
check "a pending listing cannot be paused" [ "$(header Location)" = "/owner/listings/$lid?m=not_paused" -a "$(sql "SELECT state FROM listings WHERE id = $lid")" = pending ]
post h "/owner/listings/$lid/resume" "/owner/listings/$lid"
check "nor resumed, which says so in its own words" [ "$(header Location)" = "/owner/listings/$lid?m=not_resumed" -a "$(sql "SELECT state FROM listings WHERE id = $lid")" = pending ]
get h "/owner/listings/$lid?m=not_resumed"
check "the listing page tells that only a paused listing can be resumed" bash -c "grep -q 'Obnovit lze jen pozastavenou nabídku\|Only a paused listing can be resumed' '$tmp/body' && ! grep -q 'To v tomto stavu nejde\|Not possible in this state' '$tmp/body'"
mine=$(sql "SELECT l.id FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = 'owner@evshare.test' AND l.state = 'approved' ORDER BY l.id LIMIT 1")
post own "/owner/listings/$mine/pause" "/owner/listings/$mine"
check "pause an approved listing" [ "$(sql "SELECT state FROM listings WHERE id = $mine")" = paused ]
http GET "/chargers/$mine"
check "a paused listing leaves the public map" [ "$status" = 404 ]
post own "/owner/listings/$mine/resume" "/owner/listings/$mine"
check "resume it" [ "$(sql "SELECT state FROM listings WHERE id = $mine")" = approved ]
post_raw own "/owner/listings/$mine/pause" "x=1"
check "pause without CSRF is 403" [ "$status" = 403 ]

# ---- bulk price change: all mine or nothing
ids=$(sql "SELECT string_agg(l.id::text, ' ') FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = 'owner@evshare.test' AND l.state = 'approved'")
args=(); for i in $ids; do args+=("id=$i"); done
post own /owner/prices /owner "${args[@]}" "price=8,90"
check "bulk price change redirects" [ "$status" = 303 ]
check "every selected charger costs 8.90 now" [ "$(sql "SELECT bool_and(price_per_kwh = 890) FROM tariffs WHERE listing_id IN (${ids// /,})")" = t ]
post own /owner/prices /owner "${args[@]}" "id=$other" "price=1"
check "including another owner's charger is 404" [ "$status" = 404 ]
check "and changes nothing" [ "$(sql "SELECT bool_and(price_per_kwh = 890) FROM tariffs WHERE listing_id IN (${ids// /,})")" = t ]
post own /owner/prices /owner "${args[@]}" "price=lots"
check "an invalid price is re-rendered with the message" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-price\"' '$tmp/body' && grep -q 'value=\"lots\"' '$tmp/body'"
post own /owner/prices /owner "price=5"
check "no charger selected says so" grep -q 'id="e-id"' "$tmp/body"

# ---- delete: not with future bookings; then gone
post h "/owner/listings/$lid/delete" "/owner/listings/$lid"
check "deleting without ticking the confirmation deletes nothing and says why" [ "$(header Location)" = "/owner/listings/$lid?m=delete_confirm#delete-listing" -a "$(sql "SELECT state FROM listings WHERE id = $lid")" != deleted ]
get h "/owner/listings/$lid?m=delete_confirm"
check "the listing page asks to tick it, in a form that also works without JavaScript" bash -c "grep -q 'flash-error' '$tmp/body' && grep -q 'name=\"confirm\" value=\"1\" required' '$tmp/body' && grep -q 'data-confirm=' '$tmp/body'"
post h "/owner/listings/$lid/delete" "/owner/listings/$lid" "confirm=1"
check "deleting a listing without bookings works" [ "$(sql "SELECT state FROM listings WHERE id = $lid")" = deleted ]
check "its charger's password no longer works" [ "$(sql "SELECT password_hash FROM charge_points WHERE listing_id = $lid")" = disabled ]
get h "/owner/listings/$lid"
check "a deleted listing is 404" [ "$status" = 404 ]
booked=$(sql "SELECT r.listing_id FROM reservations r JOIN listings l ON l.id = r.listing_id WHERE r.state IN ('requested','confirmed') AND upper(r.period) > now() AND l.state <> 'deleted' LIMIT 1")
if [ -n "$booked" ]; then
	bown=$(sql "SELECT a.email FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE l.id = $booked")
	login bo "$bown"
	post bo "/owner/listings/$booked/delete" "/owner/listings/$booked" "confirm=1"
	check "a listing with future bookings cannot be deleted" [ "$(header Location)" = "/owner/listings/$booked?m=has_bookings" -a "$(sql "SELECT state FROM listings WHERE id = $booked")" != deleted ]
else
	nok "demo data has a listing with a future booking"
fi
finish
