#!/bin/bash
# A host changes a published listing (issue 8/4.2, 4.7): the price, power, hours and the like
# apply at once and the charger stays on the map; a new title, description or location waits
# for an admin while the approved version stays public (map and charger page); the admin sees
# the change next to the public version and approves or rejects it; the admin's listing page
# offers only the moves its state allows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

sql "DELETE FROM rate_limits" >/dev/null
run=$$
login own owner@evshare.test
login adm admin@evshare.test
lid=$(sql "SELECT l.id FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE a.email = 'owner@evshare.test' AND l.state = 'approved' ORDER BY l.id DESC LIMIT 1")
check "the demo owner has a published listing" [ -n "$lid" ]
IFS='|' read -r title address city lat lon <<<"$(sql "SELECT title, address, city, lat, lon FROM listings WHERE id = $lid")"
desc=$(sql "SELECT description FROM listings WHERE id = $lid")
bbox=$(python3 -c "print(f'{$lon-0.01},{$lat-0.01},{$lon+0.01},{$lat+0.01}')")
on_map() { http GET "/api/v1/chargers?bbox=$bbox"; [ "$(jqs "any(f['id'] == $lid for f in d['features'])")" = True ]; }
check "it is on the map" on_map

# ---- the edit form as the page fills it: only the price changes
get own "/owner/listings/$lid/edit"
check "the edit form says what needs an admin and what applies at once" grep -q 'id="edit-remoderate"' "$tmp/body"
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$title" "description=$desc" "address=$address" \
	"city=$city" "lat=$lat" "lon=$lon" "price=9,10" "d1=7:00-22:00" "auto_accept=1"
check "a price change is saved at once" [ "$status" = 303 -a "$(header Location)" = "/owner/listings/$lid?m=edited" ]
check "the listing stays published, with the new price and hours" [ "$(sql "SELECT l.state || ' ' || t.price_per_kwh || ' ' || (SELECT string_agg(weekday || ':' || start_min || '-' || end_min, ' ') FROM availability_windows WHERE listing_id = $lid) FROM listings l JOIN tariffs t ON t.listing_id = l.id WHERE l.id = $lid")" = "approved 910 1:420-1320" ]
check "nothing waits for moderation" [ "$(sql "SELECT count(*) FROM listing_revisions WHERE listing_id = $lid")" = 0 ]
check "it is still on the map" on_map
http GET "/chargers/$lid"
check "the charger page shows the new price" bash -c "[ '$status' = 200 ] && grep -q '9,10' '$tmp/body'"

# ---- hours: several windows, a night into the next day, shown so on the charger page (4.3)
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$title" "description=$desc" "address=$address" \
	"city=$city" "lat=$lat" "lon=$lon" "price=9,10" "d1=7:00-12:00, 13:00-22:00" "d5=18:00-7:00" "auto_accept=1"
http GET "/chargers/$lid"
check "the charger page shows two windows on Monday and Friday's night once, into Saturday" bash -c "grep -q '7:00–12:00, 13:00–22:00' '$tmp/body' && grep -q '18:00–7:00 (do dalšího dne)' '$tmp/body' && ! grep -q '0:00–7:00' '$tmp/body'"
http GET "/chargers/$lid?lang=en"
check "in English too" grep -q '18:00–7:00 (into the next day)' "$tmp/body"
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$title" "description=$desc" "address=$address" \
	"city=$city" "lat=$lat" "lon=$lon" "price=9,10" "d5=18:00-7:00" "d6=6:00-10:00" "auto_accept=1"
check "a night overlapping the next morning is refused next to that day, naming both" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-d6\">Sobota, okno 1 (6:00–10:00): překrývá se s jiným oknem: Pátek 18:00–7:00.' '$tmp/body'"
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$title" "description=$desc" "address=$address" \
	"city=$city" "lat=$lat" "lon=$lon" "price=9,10" "d1=7:00-22:00" "auto_accept=1"

# ---- a new title and pin: waits; the approved version stays public
newtitle="Nový název $run <b>"
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$newtitle" "description=$desc" "address=$address" \
	"city=$city" "lat=$(python3 -c "print($lat + 0.001)")" "lon=$lon" "price=9,10" "d1=7:00-22:00" "auto_accept=1"
check "a new look is saved for review" [ "$status" = 303 -a "$(header Location)" = "/owner/listings/$lid?m=edited_review" ]
check "the listing stays published with its approved title and pin" [ "$(psql -X -tA -v t="$title" <<<"SELECT state = 'approved' AND title = :'t' AND lat = $lat FROM listings WHERE id = $lid")" = t ]
check "the change waits as a revision" [ "$(psql -X -tA -v t="$newtitle" <<<"SELECT state = 'pending' AND title = :'t' FROM listing_revisions WHERE listing_id = $lid")" = t ]
check "it is still on the map" on_map
http GET "/chargers/$lid"
check "the charger page shows the approved title" bash -c "[ '$status' = 200 ] && grep -qF '<h1>$(html_esc "$title")</h1>' '$tmp/body'"
get own "/owner/listings/$lid?m=edited_review"
check "the owner's page says the change waits, escaped" bash -c "grep -q 'id=\"revision-pending\"' '$tmp/body' && grep -qF '$(html_esc "$newtitle")' '$tmp/body' && ! grep -q 'Nový název $run <b>' '$tmp/body'"
get own "/owner/listings/$lid/edit"
check "the edit form goes on from the waiting change" grep -qF "value=\"$(html_esc "$newtitle")\"" "$tmp/body"

# ---- the admin sees it, next to the public version, and approves it
get adm /admin
check "the moderation page lists the change" bash -c "grep -q 'id=\"revisions\"' '$tmp/body' && grep -q 'href=\"/admin/listings/$lid#revision\"' '$tmp/body' && grep -qF '$(html_esc "$newtitle")' '$tmp/body'"
get adm "/admin/listings/$lid"
check "the admin's listing page shows public and new side by side" bash -c "grep -q 'class=\"data revision-diff\"' '$tmp/body' && grep -qF '$(html_esc "$newtitle")' '$tmp/body' && grep -qF '$(html_esc "$title")' '$tmp/body'"
check "a published listing with a waiting change offers approve, reject, suspend; not restore" bash -c "grep -q 'value=\"approve\"' '$tmp/body' && grep -q 'value=\"reject\"' '$tmp/body' && grep -q 'value=\"suspend\"' '$tmp/body' && ! grep -q 'value=\"restore\"' '$tmp/body'"
post adm /admin/listings /admin "action=approve" "id=$lid" "back=queue"
check "approving the change redirects" [ "$status" = 303 -a "$(header Location)" = "/admin?m=done" ]
check "the new look is the public one now; still published" [ "$(psql -X -tA -v t="$newtitle" <<<"SELECT state = 'approved' AND title = :'t' AND abs(lat - ($lat + 0.001)) < 1e-9 FROM listings WHERE id = $lid")" = t ]
check "no revision is left" [ "$(sql "SELECT count(*) FROM listing_revisions WHERE listing_id = $lid")" = 0 ]
check "the approval is in the audit log" [ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'listing.approve' AND target_id = $lid")" -ge 1 ]
http GET "/chargers/$lid"
check "the charger page shows the new title" grep -qF "$(html_esc "$newtitle")" "$tmp/body"

# ---- a rejected change: the public version stays, the owner sees why
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=Spam $run" "description=$desc" "address=$address" \
	"city=$city" "lat=$(python3 -c "print($lat + 0.001)")" "lon=$lon" "price=9,10" "d1=7:00-22:00" "auto_accept=1"
post adm /admin/listings /admin "action=reject" "id=$lid" "back=queue" "reason=Not a title $run"
check "rejecting the change leaves the listing published with its approved title" [ "$(psql -X -tA -v t="$newtitle" <<<"SELECT state = 'approved' AND title = :'t' FROM listings WHERE id = $lid")" = t ]
check "the revision is rejected with the reason" [ "$(sql "SELECT state || ':' || state_reason FROM listing_revisions WHERE listing_id = $lid")" = "rejected:Not a title $run" ]
get own "/owner/listings/$lid"
check "the owner sees the rejection and its reason" bash -c "grep -q 'id=\"revision-rejected\"' '$tmp/body' && grep -q 'Not a title $run' '$tmp/body'"
get adm /admin
check "a rejected change is not in the queue" bash -c "! grep -q 'href=\"/admin/listings/$lid#revision\"' '$tmp/body'"
# the owner puts the approved look back: nothing waits any more
post own "/owner/listings/$lid/edit" "/owner/listings/$lid/edit" "title=$newtitle" "description=$desc" "address=$address" \
	"city=$city" "lat=$(python3 -c "print($lat + 0.001)")" "lon=$lon" "price=9,10" "d1=7:00-22:00" "auto_accept=1"
check "going back to the public look leaves nothing to review" [ "$(header Location)" = "/owner/listings/$lid?m=edited" -a "$(sql "SELECT count(*) FROM listing_revisions WHERE listing_id = $lid")" = 0 ]

# ---- the admin's listing page: only the moves the state allows
post adm /admin/listings "/admin/listings/$lid" "action=suspend" "id=$lid" "back=list" "reason=Check $run"
get adm "/admin/listings/$lid"
check "a suspended listing offers only restore" bash -c "grep -q 'value=\"restore\"' '$tmp/body' && ! grep -q 'value=\"approve\"' '$tmp/body' && ! grep -q 'value=\"reject\"' '$tmp/body' && ! grep -q 'value=\"suspend\"' '$tmp/body'"
post adm /admin/listings "/admin/listings/$lid" "action=restore" "id=$lid" "back=list"
get adm "/admin/listings/$lid"
check "a published listing without a change offers only suspend" bash -c "grep -q 'value=\"suspend\"' '$tmp/body' && ! grep -q 'value=\"approve\"' '$tmp/body' && ! grep -q 'value=\"reject\"' '$tmp/body' && ! grep -q 'value=\"restore\"' '$tmp/body'"
pend=$(sql "SELECT id FROM listings WHERE state = 'pending' ORDER BY id LIMIT 1")
made=
if [ -z "$pend" ]; then   # (when the admin test has approved them all before)
	pend=$(sql "SELECT id FROM listings WHERE state = 'approved' AND id <> $lid ORDER BY id LIMIT 1")
	sql "UPDATE listings SET state = 'pending' WHERE id = $pend" >/dev/null
	made=1
fi
get adm "/admin/listings/$pend"
check "a pending listing offers approve, reject, suspend; not restore" bash -c "grep -q 'value=\"approve\"' '$tmp/body' && grep -q 'value=\"reject\"' '$tmp/body' && grep -q 'value=\"suspend\"' '$tmp/body' && ! grep -q 'value=\"restore\"' '$tmp/body'"
[ -n "$made" ] && sql "UPDATE listings SET state = 'approved' WHERE id = $pend" >/dev/null
gone=$(sql "SELECT id FROM listings WHERE state = 'deleted' ORDER BY id LIMIT 1")
if [ -n "$gone" ]; then
	get adm "/admin/listings/$gone"
	check "a deleted listing offers nothing" bash -c "grep -q 'id=\"listing-actions\"' '$tmp/body' && ! grep -q 'name=\"action\"' '$tmp/body'"
fi
finish
