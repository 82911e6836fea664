#!/bin/bash
# Hostile text in every field a visitor sees: stored exactly as typed, shown escaped, never run.
. "$(dirname "$0")/lib.sh"

s1='<script>alert(1)</script>'
s2="\"'><img src=x onerror=alert(1)>"
s3="'; DROP TABLE listings; --"
evil="$s1 $s2 $s3"
# psql variables (:'v') quote the value: no SQL is built from it
id=$(psql -X -q -tA -v ON_ERROR_STOP=1 -v evil="$evil" <<'SQL'
WITH a AS (INSERT INTO accounts (email, display_name, is_owner)
           VALUES ('evil-' || txid_current() || '@evshare.test', left(:'evil', 80), true) RETURNING id),
     l AS (INSERT INTO listings (owner_id, title, description, address, city, lat, lon, state, approved_at)
           SELECT id, left(:'evil', 120), :'evil', :'evil', left(:'evil', 80), 50.07, 14.43, 'approved', now()
           FROM a RETURNING id),
     c AS (INSERT INTO connectors (listing_id, connector_id, type, max_power_w) SELECT id, 1, 'type2', 11000 FROM l),
     t AS (INSERT INTO tariffs (listing_id, price_per_kwh) SELECT id, 700 FROM l)
SELECT id FROM l;
SQL
)
check "hostile listing stored" [ -n "$id" ]
check "stored exactly as typed" [ "$(sql "SELECT description FROM listings WHERE id = $id")" = "$evil" ]

http GET "/chargers/$id"
check "charger page is 200" [ "$status" = 200 ]
check "no live <script> from data" bash -c "! grep -q '<script>alert' '$tmp/body'"
check "no injected <img>" bash -c "! grep -q '<img src=x' '$tmp/body'"
check "no attribute breakout" bash -c "! grep -qF \"\\\"'>\" '$tmp/body'"
check "the text is shown escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/body"

http GET "/api/v1/chargers?bbox=14.4,50.0,14.5,50.1"
check "API returns the hostile title as the same JSON string" [ "$(jqs "[f['properties']['title'] for f in d['features'] if f['id'] == $id][0]")" = "${evil:0:120}" ]
check "listings table intact" [ "$(sql "SELECT count(*) > 0 FROM listings")" = t ]
sql "DELETE FROM listings WHERE id = $id" >/dev/null
finish
