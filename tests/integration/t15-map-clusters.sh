#!/bin/bash
# The bbox API's grid clusters and its per-process copy of map_listings, through the real
# lighttpd: a dense box answers clusters that add up to exactly the listings inside (asked of the
# database directly), the filters still hold there, and a listing paused, approved again or
# changing status shows so in the very next answers of every process, all of which had loaded
# their copy before the change.
. "$(dirname "$0")/lib.sh"

cap=${EVSHARE_MAP_MAX_FEATURES:-500}
# ---- 700 listings in a 2 x 2 km square of Vysocina where the demo has none
owner=$(sql "SELECT id FROM accounts WHERE email = 'owner@evshare.test'")
sql "WITH l AS (
	INSERT INTO listings (owner_id, title, address, city, lat, lon, state)
	SELECT $owner, 'Dense ' || i, 'Address ' || i, 'Densetown',
	       49.50 + (hashint4(i) & 65535) / 65536.0 * 0.02, 15.50 + (hashint4(i + 1000) & 65535) / 65536.0 * 0.02,
	       CASE WHEN i % 50 = 0 THEN 'paused' ELSE 'approved' END
	FROM generate_series(1, 700) AS i RETURNING id),
t AS (INSERT INTO tariffs (listing_id, price_per_kwh) SELECT id, 500 + id % 7 * 100 FROM l)
INSERT INTO connectors (listing_id, connector_id, type, max_power_w)
SELECT id, 1, CASE WHEN id % 3 = 0 THEN 'ccs2' ELSE 'type2' END, CASE WHEN id % 2 = 0 THEN 22000 ELSE 11000 END FROM l" >/dev/null
trap 'sql "DELETE FROM listings WHERE city = '"'Densetown'"'" >/dev/null; rm -rf "$tmp"' EXIT

dense=15.49,49.49,15.53,49.53
in_sql() {   # WHERE clause over listings l -> how many approved ones inside the dense box
	sql "SELECT count(*) FROM listings l WHERE state = 'approved' AND lon BETWEEN 15.49 AND 15.53
	     AND lat BETWEEN 49.49 AND 49.53 ${1:+AND $1}"
}
# the features' listings add up to total; clusters lie inside the box with their bbox
sum_ok() {
	jqs "d['total'] == sum(f['properties']['count'] if f['properties'].get('cluster') else 1 for f in d['features'])
	     and all(15.49 <= f['properties']['bbox'][0] <= f['geometry']['coordinates'][0] <= f['properties']['bbox'][2] <= 15.5300001
	             and 49.49 <= f['properties']['bbox'][1] <= f['geometry']['coordinates'][1] <= f['properties']['bbox'][3] <= 49.5300001
	             and f['properties']['count'] >= 2 for f in d['features'] if f['properties'].get('cluster'))
	     and d['count'] == len(d['features'])"
}

http GET "/api/v1/chargers?bbox=$dense"
want=$(in_sql)
check "dense box: more than the cap ($want > $cap) inside" [ "$want" -gt "$cap" ]
check "dense box: 200, clustered" [ "$status" = 200 -a "$(jqs "d['clustered']")" = True ]
check "dense box: total is exactly the approved listings inside ($want)" [ "$(jqs "d['total']")" = "$want" ]
check "dense box: clusters and single listings add up to the total, each cluster inside its bbox" [ "$(sum_ok)" = True ]
check "dense box: a small answer (at most one feature per grid cell, < 60 kB)" [ "$(jqs "len(d['features']) <= 25 * 17")" = True -a "$(stat -c %s "$tmp/body")" -lt 60000 ]
check "dense box: a cluster says how many of its listings are available" [ "$(jqs "all(0 <= f['properties']['available'] <= f['properties']['count'] for f in d['features'] if f['properties'].get('cluster'))")" = True ]
http GET "/api/v1/chargers?bbox=15.5,49.5,15.505,49.505"
check "a small part of it: plain features, exactly the listings inside" [ "$(jqs "d['clustered']")" = False -a \
	"$(jqs "','.join(sorted(str(f['id']) for f in d['features']))")" = \
	"$(sql "SELECT coalesce(string_agg(id::text, ',' ORDER BY id::text), '') FROM listings WHERE state = 'approved' AND lon BETWEEN 15.5 AND 15.505 AND lat BETWEEN 49.5 AND 49.505")" ]

# ---- filters on the clustered answer
for f in "connector=ccs2|EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.type = 'ccs2')" \
	"min_kw=22|EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.max_power_w >= 22000)" \
	"max_price=8|EXISTS (SELECT 1 FROM tariffs t WHERE t.listing_id = l.id AND t.price_per_kwh <= 800)" \
	"connector=type2&min_kw=22|EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.type = 'type2' AND c.max_power_w >= 22000)"; do
	q=${f%%|*}
	http GET "/api/v1/chargers?bbox=$dense&$q"
	check "dense box, $q: total is exactly the listings that match ($(in_sql "${f#*|}"))" \
		[ "$status" = 200 -a "$(jqs "d['total']")" = "$(in_sql "${f#*|}")" -a "$(sum_ok)" = True ]
done
http GET "/api/v1/chargers?bbox=$dense&available=1"
check "dense box, available=1: none (no charger of it is online)" [ "$(jqs "d['total']")" = 0 -a "$(jqs "d['features']")" = "[]" ]

# ---- no staleness: every process loaded its copy, then the database changes
id=$(sql "SELECT l.id FROM listings l JOIN charge_points cp ON cp.listing_id = l.id
          WHERE l.state = 'approved' AND l.city = 'Praha' ORDER BY l.id LIMIT 1")
box=$(sql "SELECT (lon - 0.001) || ',' || (lat - 0.001) || ',' || (lon + 0.001) || ',' || (lat + 0.001) FROM listings WHERE id = $id")
# many BBOX EXPR: 32 requests at once (so that every FastCGI process answers some); prints True
# when EXPR holds for each answer d
many() {
	local args=() i
	for i in $(seq 32); do args+=(-o "$tmp/many.$i" "$EVSHARE_URL/api/v1/chargers?bbox=$1"); done
	curl -s -Z --parallel-immediate --parallel-max 32 --max-time 20 "${args[@]}"
	python3 -c "import json,sys
ds = [json.load(open('$tmp/many.%d' % i)) for i in range(1, 33)]
print(all($2 for d in ds))"
}
# lighttpd runs 4 processes (conf/lighttpd.conf); ask until each has loaded its copy
loads() { grep -c "map: .* listings loaded" "$EVSHARE_VAR/log/fcgi.log"; }
loaded0=$(loads)
for i in $(seq 40); do
	[ "$(loads)" -ge 4 ] && break
	many "$dense" "True" >/dev/null
done
loaded1=$(loads)
echo "# processes that loaded their copy so far: $loaded1 (before this test: $loaded0)"
feat="[f for f in d['features'] if f.get('id') == $id]"
check "listing $id is on the map in every answer" [ "$(many "$box" "len($feat) == 1")" = True ]
sql "UPDATE listings SET state = 'paused' WHERE id = $id" >/dev/null
check "paused: gone from the very next answer of every process" [ "$(many "$box" "len($feat) == 0")" = True ]
sql "UPDATE listings SET state = 'approved' WHERE id = $id" >/dev/null
check "approved again: back in the very next answer of every process" [ "$(many "$box" "len($feat) == 1")" = True ]
saved=$(sql "SELECT online || ' ' || coalesce(last_seen_at::text, 'null') FROM charge_points WHERE listing_id = $id")
sql "UPDATE charge_points SET online = true, last_seen_at = now() WHERE listing_id = $id" >/dev/null
sql "UPDATE connectors SET status = 'Available' WHERE listing_id = $id" >/dev/null
check "its charger online with a free connector: available in every answer" [ "$(many "$box" "$feat[0]['properties']['status'] == 'available'")" = True ]
sql "UPDATE connectors SET status = 'Charging' WHERE listing_id = $id" >/dev/null
check "the connector starts charging: charging in every answer" [ "$(many "$box" "$feat[0]['properties']['status'] == 'charging'")" = True ]
check "... and available=1 no longer finds it" [ "$(many "$box&available=1" "len($feat) == 0")" = True ]
check "no process loaded a fresh copy meanwhile: the answers came from copies older than the changes" \
	[ "$(loads)" = "$loaded1" -a "$loaded1" -ge 4 ]
sql "UPDATE connectors SET status = 'Unknown' WHERE listing_id = $id" >/dev/null
sql "UPDATE charge_points SET online = ${saved%% *}, last_seen_at = $( [ "${saved#* }" = null ] && echo NULL || echo "'${saved#* }'") WHERE listing_id = $id" >/dev/null
sql "UPDATE listings SET state = 'approved' WHERE city = 'Densetown' AND state = 'paused'" >/dev/null
http GET "/api/v1/chargers?bbox=$dense"
check "14 more approved in the dense box: the very next total counts them" [ "$(jqs "d['total']")" = "$((want + 14))" -a "$(sum_ok)" = True ]
sql "DELETE FROM listings WHERE city = 'Densetown'" >/dev/null
check "deleted: the very next answers have none of them" [ "$(many "$dense" "d['total'] == 0")" = True ]

# ---- bad boxes
http GET "/api/v1/chargers?bbox=15.53,49.49,15.49,49.53"
check "west > east is 400 naming bbox" [ "$status" = 400 -a "$(jqs "d['error']['param']")" = bbox ]
http GET "/api/v1/chargers?bbox=15.49,49.49,15.53"
check "three numbers is 400 naming bbox" [ "$status" = 400 -a "$(jqs "d['error']['param']")" = bbox ]
finish
