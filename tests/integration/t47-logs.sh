#!/bin/bash
# What the logs let a local user see (issue 8, items 3.1, 3.12 and 4.9): no token from a query
# string or a Referer in the access log, every log 0640 in a 0750 folder, lighttpd starts
# without a warning, and the demo chargers' password is on no command line.
. "$(dirname "$0")/lib.sh"
log=$EVSHARE_VAR/log
secret=tok$RANDOM$RANDOM$RANDOM
marker=/flush-mark-$RANDOM$RANDOM
before=$(wc -l <"$log/access.log")

http GET "/reset?token=$secret-q"
check "a link with a token answers" [ "$status" = 200 ]
http GET /static/css/evshare.css -H "Referer: $EVSHARE_URL/verify?token=$secret-r"
http GET "/api/v1/chargers?bbox=14,49,15,50&token=$secret-a"
http GET "$marker"
# lighttpd writes its access log in batches (every few seconds): wait until our requests are in
for _ in $(seq 150); do grep -q "GET $marker " "$log/access.log" 2>/dev/null && break; sleep 0.1; done
tail -n +"$((before + 1))" "$log/access.log" >"$tmp/ours"
check "the requests are in access.log, by path" bash -c "grep -q '\"GET /reset HTTP' '$tmp/ours' && grep -q '\"GET /api/v1/chargers HTTP' '$tmp/ours'"
check "no token from a query string in access.log" bash -c "! grep -q '$secret' '$log/access.log'"
check "no token from a Referer in any log" bash -c "! grep -rq '$secret-r' '$log'"

# modes: nothing in var/log for other local users
check "var/log is 0750" [ "$(stat -c %a "$log")" = 750 ]
for f in access.log fcgi.log bridge.log lighttpd-error.log; do
	check "$f is 0640" [ "$(stat -c %a "$log/$f" 2>/dev/null)" = 640 ]
done
open=$(find "$log" -type f -perm /o=rwx,g=wx)
check "no log is readable by others or writable by the group${open:+: $open}" [ -z "$open" ]

# lighttpd: not one warning, neither when checking the configuration nor at start
out=$(/usr/sbin/lighttpd -tt -f "$EVSHARE_ROOT/conf/lighttpd.conf" 2>&1); rc=$?
check "lighttpd -tt: no warning${out:+ ($out)}" [ $rc = 0 -a -z "$out" ]
check "lighttpd-error.log: no WARNING since start" bash -c "! grep -q WARNING '$log/lighttpd-error.log'"
check "lighttpd-error.log: it did start" grep -q 'server started' "$log/lighttpd-error.log"

# the demo chargers of make run: their shared password reaches the simulator, not ps
EVSHARE_SIM=1 "$EVSHARE_ROOT/scripts/instance.sh" sim-start
for _ in $(seq 100); do
	[ "$(sql "SELECT online FROM charge_points WHERE identity = 'DEMO-001'")" = t ] && break
	sleep 0.1
done
check "the simulator's DEMO-001 logged in with the demo password" [ "$(sql "SELECT online FROM charge_points WHERE identity = 'DEMO-001'")" = t ]
# (this checkout's processes only: other checkouts on the machine are not under test)
args=$(ps -eo args | grep -F "$EVSHARE_ROOT/")
check "ps shows the simulator" bash -c "echo \"\$0\" | grep -q 'bin/evshare-sim .*--prefix DEMO-'" "$args"
check "ps -eo args shows no password" bash -c "! echo \"\$0\" | grep -qi -e 'evshare-demo-charger' -e '--password'" "$args"
pid=$(cat "$EVSHARE_VAR/run/sim.pid")
out=$("$EVSHARE_ROOT/scripts/instance.sh" sim-stop)
check "sim-stop says it stopped the simulator" bash -c "echo \"\$0\" | grep -q 'stopped the charger simulator'" "$out"
# (a zombie waiting to be reaped by whoever adopted it is gone as far as anyone can tell)
check "and it is gone when sim-stop returns" bash -c "! grep -qs '^State:[[:space:]]*[A-Y]' /proc/$pid/status"
finish
