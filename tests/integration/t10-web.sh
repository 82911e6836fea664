#!/bin/bash
# The web side through the real lighttpd and the real database: pages, the bbox API and its
# filters (each compared with the same question asked of the database directly), errors.
. "$(dirname "$0")/lib.sh"

# ---- pages
http GET /
check "map page is 200" [ "$status" = 200 ]
check "map page has the map and the filters" grep -q 'id="map"' "$tmp/body"
check "map page loads Leaflet from us, not a CDN" grep -q 'src="/static/vendor/leaflet/leaflet.js"' "$tmp/body"
check "no third-party script anywhere on the page" bash -c "! grep -Eq '<script[^>]+src=\"(https?:)?//' '$tmp/body'"
check "pages carry a Content-Security-Policy" bash -c "grep -qi '^Content-Security-Policy:' '$tmp/headers'"
http GET /static/vendor/leaflet/leaflet.js
check "Leaflet is served by lighttpd" [ "$status" = 200 ]
http GET /static/vendor/leaflet/leaflet.markercluster.js
check "markercluster is served" [ "$status" = 200 ]
http GET /static/js/map.js
check "map.js is served as JavaScript" bash -c "[ '$status' = 200 ] && grep -qi '^Content-Type: text/javascript' '$tmp/headers'"
http GET / -H 'Accept-Language: en-US,en;q=0.9'
check "English through Accept-Language" grep -q '<html lang="en"' "$tmp/body"

# ---- the charger page for a demo charger, and a 404 for what is not public
id=$(sql "SELECT id FROM listings WHERE state = 'approved' ORDER BY id LIMIT 1")
title=$(sql "SELECT title FROM listings WHERE id = $id")
http GET "/chargers/$id"
check "charger page is 200" [ "$status" = 200 ]
check "charger page shows the title" grep -qF "$(python3 -c 'import html,sys; print(html.escape(sys.argv[1], quote=False))' "$title")" "$tmp/body"
check "charger page has the mini map" grep -q 'id="minimap"' "$tmp/body"
owner=$(sql "SELECT a.display_name FROM listings l JOIN accounts a ON a.id = l.owner_id WHERE l.id = $id")
check "charger page names the owner" grep -qF "$owner" "$tmp/body"
pending=$(sql "SELECT id FROM listings WHERE state <> 'approved' ORDER BY id LIMIT 1")
if [ -n "$pending" ]; then
	http GET "/chargers/$pending"
	check "a listing that is not approved is 404" [ "$status" = 404 ]
else
	nok "demo data has a listing that is not approved"
fi
http GET /chargers/999999999
check "unknown charger is 404" [ "$status" = 404 ]
check "404 page shows a request id" grep -q 'class="request-id' "$tmp/body"

# ---- the bbox API: exactly what the database holds inside the box
api_ids() { jqs "','.join(str(f['id']) for f in sorted(d['features'], key=lambda f: f['id']))"; }
sql_ids() {
	sql "SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM listings l
	     WHERE state = 'approved' AND lon BETWEEN $1 AND $3 AND lat BETWEEN $2 AND $4 ${5:+AND $5}"
}
for box in "14.2,49.9,14.7,50.2:Praha" "16.4,49.1,16.8,49.3:Brno" "18.1,49.7,18.4,49.9:Ostrava" \
	"13.2,49.6,13.5,49.85:Plzen" "12,48.5,19,51.1:Czechia"; do
	b=${box%%:*}; name=${box#*:}
	http GET "/api/v1/chargers?bbox=$b"
	want=$(sql_ids ${b//,/ })
	got=$(api_ids)
	check "bbox $name: 200 with a FeatureCollection" [ "$status" = 200 -a "$(jqs "d['type']")" = FeatureCollection ]
	check "bbox $name: exactly the approved chargers inside ($(echo "$want" | tr ',' '\n' | grep -c .))" [ "$got" = "$want" -a -n "$want" ]
done
http GET "/api/v1/chargers?bbox=14.2,49.9,14.7,50.2"
check "features are GeoJSON points [lon, lat]" [ "$(jqs "all(13 < f['geometry']['coordinates'][0] < 15 and 49 < f['geometry']['coordinates'][1] < 51 for f in d['features'])")" = True ]
check "features carry title, status, price, connectors and a link" [ "$(jqs "all({'title','status','price_per_kwh','connectors','url','max_kw'} <= set(f['properties']) for f in d['features'])")" = True ]
check "statuses are one of the four" [ "$(jqs "all(f['properties']['status'] in ('available','charging','offline','unknown') for f in d['features'])")" = True ]
check "few chargers: each its own feature, not clustered" [ "$(jqs "d['clustered'] == False and d['count'] == d['total'] == len(d['features'])")" = True ]

# each filter, against the same condition in SQL
cz=12,48.5,19,51.1
http GET "/api/v1/chargers?bbox=$cz&connector=schuko"
check "connector filter: exactly the listings with that connector" [ "$(api_ids)" = "$(sql_ids 12 48.5 19 51.1 "EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.type = 'schuko')")" ]
http GET "/api/v1/chargers?bbox=$cz&min_kw=22"
check "min_kw filter: exactly the listings with a connector of 22 kW or more" [ "$(api_ids)" = "$(sql_ids 12 48.5 19 51.1 "EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.max_power_w >= 22000)")" ]
http GET "/api/v1/chargers?bbox=$cz&max_price=7,50"
check "max_price filter: exactly the listings at 7.50 CZK/kWh or less" [ "$(api_ids)" = "$(sql_ids 12 48.5 19 51.1 "EXISTS (SELECT 1 FROM tariffs t WHERE t.listing_id = l.id AND t.price_per_kwh <= 750)")" ]
http GET "/api/v1/chargers?bbox=$cz&available=1"
check "available filter: exactly the online listings with a free connector" [ "$(api_ids)" = "$(sql_ids 12 48.5 19 51.1 "EXISTS (SELECT 1 FROM charge_points cp WHERE cp.listing_id = l.id AND cp.online AND cp.last_seen_at IS NOT NULL) AND EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.status = 'Available')")" ]
check "available filter returns only available ones" [ "$(jqs "all(f['properties']['status'] == 'available' for f in d['features'])")" = True ]
http GET "/api/v1/chargers?bbox=$cz&connector=type2&min_kw=11&max_price=9"
check "filters combine" [ "$(api_ids)" = "$(sql_ids 12 48.5 19 51.1 "EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.type = 'type2' AND c.max_power_w >= 11000) AND EXISTS (SELECT 1 FROM tariffs t WHERE t.listing_id = l.id AND t.price_per_kwh <= 900)")" ]
http GET "/api/v1/chargers?bbox=0,0,1,1"
check "an empty box is an empty collection" [ "$status" = 200 -a "$(jqs "len(d['features'])")" = 0 ]

# ---- bad input: precise errors through the real server
expect_400() {
	http GET "/api/v1/chargers?$1"
	check "?$1 is 400 naming '$2'" [ "$status" = 400 -a "$(jqs "d['error']['param']")" = "$2" ]
}
expect_400 "" bbox
expect_400 "bbox=1,2,3" bbox
expect_400 "bbox=15,49,14,50" bbox
expect_400 "bbox=14,49,15,50&connector=usb-c" connector
expect_400 "bbox=14,49,15,50&min_kw=lots" min_kw
expect_400 "bbox=14,49,15,50&max_price=1e9" max_price
expect_400 "bbox=14,49,15,50&available=perhaps" available
expect_400 "bbox=14,49,15,50&zoom=3" zoom
http GET "/api/v1/chargers?bbox=1,2,3"
check "errors carry a request id and a message" [ -n "$(jqs "d['error']['request_id']")" -a -n "$(jqs "d['error']['message']")" ]
http GET "/api/v1/chargers?bbox=%ff"
check "invalid UTF-8 in the query is 400" [ "$status" = 400 ]
http POST "/api/v1/chargers" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'bbox=%ff'
check "invalid UTF-8 in a form body is 400 saying so" [ "$status" = 400 -a "$(jqs "'UTF-8' in d['error']['message']")" = True ]
printf '{"title":"\xc3\x28"}' >"$tmp/bad.json"
http POST "/api/v1/chargers" -H 'Content-Type: application/json' --data-binary "@$tmp/bad.json"
check "invalid UTF-8 in a JSON body is 400 saying so" [ "$status" = 400 -a "$(jqs "'UTF-8' in d['error']['message']")" = True ]
http GET "/nope"
check "unknown route is 404" [ "$status" = 404 ]
http POST "/api/v1/chargers?bbox=14,49,15,50" -d 'x=1'
check "wrong method is 405 with Allow" bash -c "[ '$status' = 405 ] && grep -qi '^Allow: GET' '$tmp/headers'"
head -c 200000 /dev/zero | tr '\0' 'a' >"$tmp/big"
http POST "/" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$tmp/big"
check "oversized body is 413" [ "$status" = 413 ]
http POST "/" -H 'Content-Type: application/json' --data-binary '{"a":'
check "malformed JSON is 400" [ "$status" = 400 ]
printf 'GET /api/v1/chargers HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n' >"$tmp/raw"
resp=$(timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/${EVSHARE_HTTP_PORT}; cat '$tmp/raw' >&3; head -1 <&3")
check "malformed HTTP is a 400 from the web server" bash -c "echo '$resp' | grep -q ' 400 '"

# ---- health
http GET /health
check "health is 200 with the database ok" [ "$status" = 200 -a "$(jqs "d['database']['state']")" = ok ]
check "health reports the version" [ -n "$(jqs "d['version']")" ]

# ---- the footer's pages, the icon, the map's filters (issue 8/4.9)
for l in cs en; do
	for p in /terms /privacy /contact; do
		http GET "$p?lang=$l"
		check "$p ($l) is 200 with its heading" bash -c "[ '$status' = 200 ] && grep -q '<h1>' '$tmp/body' && grep -q '<html lang=\"$l\">' '$tmp/body'"
	done
	http GET "/?lang=$l"
	check "every page ($l) has the footer with terms, privacy and contact" bash -c "grep -q 'href=\"/terms\"' '$tmp/body' && grep -q 'href=\"/privacy\"' '$tmp/body' && grep -q 'href=\"/contact\"' '$tmp/body'"
done
http GET "/terms?lang=cs"
check "the terms name the platform fee of the configuration (platform_fee_bp 1000: 10 %)" grep -q "poplatek 10 %" "$tmp/body"
http GET "/contact?lang=en"
check "the contact page gives addresses at the public host" grep -q "podpora@127.0.0.1" "$tmp/body"
http GET "/?lang=en"
check "the English power filter says 3.7 kW+" grep -q '<option value="3.7">3.7 kW+</option>' "$tmp/body"
http GET "/?lang=cs"
check "the Czech one says 3,7 kW+" grep -q '<option value="3.7">3,7 kW+</option>' "$tmp/body"
fav=$(curl -s -o "$tmp/favicon" -D "$tmp/favh" -w '%{http_code}' "$EVSHARE_URL/favicon.ico")
check "/favicon.ico is an icon" bash -c "[ '$fav' = 200 ] && grep -qi '^Content-Type: image/x-icon' '$tmp/favh' && [ \"\$(head -c 4 '$tmp/favicon' | od -An -tx1 | tr -d ' ')\" = 00000100 ]"

# ---- the web server survived all of that
http GET /
check "still serving after the bad requests" [ "$status" = 200 ]
finish
