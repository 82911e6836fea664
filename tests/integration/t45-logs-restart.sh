#!/bin/bash
# One access-log line per request, errors logged once with the request id; and the FastCGI
# processes carry on after PostgreSQL restarts (each reconnects on its next query).
. "$(dirname "$0")/lib.sh"
log=$EVSHARE_VAR/log/fcgi.log

http GET "/api/v1/chargers?bbox=14,49,15,50"
id=$(header X-Request-Id)
check "every answer carries a request id" [ ${#id} = 16 ]
sleep 0.2
check "exactly one access line for it" [ "$(grep -c "access .* id=$id" "$log")" = 1 ]
http GET "/api/v1/chargers?bbox=oops"
id=$(header X-Request-Id)
sleep 0.2
check "a bad request: one access line" [ "$(grep -c "access .* 400 .*id=$id" "$log")" = 1 ]
check "and its error logged once, with the reason" [ "$(grep -c "WARN .*400 parameter 'bbox'.*id=$id" "$log")" = 1 ]
check "the error in the JSON is the logged request id" [ "$(jqs "d['error']['request_id']")" = "$id" ]

"$EVSHARE_ROOT/scripts/instance.sh" pg-stop >/dev/null
http GET /health
check "health says 503 while the database is down" [ "$status" = 503 ]
http GET "/api/v1/chargers?bbox=14,49,15,50"
check "the API says 503 while the database is down" [ "$status" = 503 ]
http GET /
check "the map page still renders without the database" [ "$status" = 200 ]
"$EVSHARE_ROOT/scripts/instance.sh" pg-start >/dev/null
ok_all=1
for _ in 1 2 3 4 5 6 7 8; do   # more requests than FastCGI processes: each one reconnects
	http GET "/api/v1/chargers?bbox=12,48.5,19,51.1"
	[ "$status" = 200 ] || ok_all=0
done
check "after PostgreSQL restarted every process answers again" [ $ok_all = 1 ]
http GET /health
check "health is ok again" [ "$status" = 200 -a "$(jqs "d['database']['state']")" = ok ]
finish
