#!/bin/bash
# conf/apache.conf works: Apache (mod_proxy_fcgi + mod_proxy_wstunnel) in front of
# evshare.fcgi --listen, serving the map page, the JSON API, static files and the bridge.
. "$(dirname "$0")/lib.sh"

port=$((EVSHARE_HTTP_PORT + 1))
dir=$EVSHARE_VAR/apache
mkdir -p "$dir/logs"
export EVSHARE_APACHE_LISTEN=127.0.0.1:$port
export EVSHARE_FCGI_SOCKET=$EVSHARE_VAR/run/evshare-apache.sock
export APACHE_LOG_DIR=$dir/logs      # (Debian's /etc/apache2/envvars sets it)
user=$EVSHARE_RUN_USER
chown -R "$user" "$dir" 2>/dev/null
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"; else "$@"; fi; }

# the FastCGI processes, as the service unit runs them (its log 0640, like the instance's)
umask 027
as_user env EVSHARE_LOG_FILE="$EVSHARE_VAR/log/fcgi-apache.log" "$EVSHARE_ROOT/bin/evshare.fcgi" \
	--listen "$EVSHARE_FCGI_SOCKET" --processes 2 &
fcgi_pid=$!

mods=/usr/lib/apache2/modules
cat >"$dir/httpd.conf" <<CONF
ServerRoot "$dir"
PidFile "$dir/httpd.pid"
ErrorLog "$dir/logs/error.log"
LogLevel warn
Listen $EVSHARE_APACHE_LISTEN
ServerName localhost
LoadModule mpm_event_module $mods/mod_mpm_event.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule headers_module $mods/mod_headers.so
LoadModule proxy_module $mods/mod_proxy.so
LoadModule proxy_fcgi_module $mods/mod_proxy_fcgi.so
LoadModule proxy_wstunnel_module $mods/mod_proxy_wstunnel.so
TypesConfig /etc/mime.types
User $user
Group $(id -gn "$user")
CustomLog "$dir/logs/access.log" common
Include "$EVSHARE_ROOT/conf/apache.conf"
CONF
cleanup() {
	/usr/sbin/apache2 -f "$dir/httpd.conf" -k stop >/dev/null 2>&1
	pkill -TERM -P "$fcgi_pid" 2>/dev/null; kill "$fcgi_pid" 2>/dev/null; wait "$fcgi_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

check "apache accepts conf/apache.conf" /usr/sbin/apache2 -f "$dir/httpd.conf" -t
/usr/sbin/apache2 -f "$dir/httpd.conf" -k start
for _ in $(seq 50); do
	[ -S "$EVSHARE_FCGI_SOCKET" ] && curl -s -o /dev/null "http://$EVSHARE_APACHE_LISTEN/static/css/evshare.css" && break
	sleep 0.1
done

EVSHARE_URL=http://$EVSHARE_APACHE_LISTEN
http GET /
check "map page through Apache" [ "$status" = 200 ]
check "it is the map page" grep -q 'id="map"' "$tmp/body"
http GET "/api/v1/chargers?bbox=12,48.5,19,51.1"
check "JSON API through Apache" [ "$status" = 200 -a "$(jqs "d['type']")" = FeatureCollection ]
check "same chargers as the database" [ "$(jqs "len(d['features'])")" = "$(sql "SELECT count(*) FROM listings WHERE state = 'approved' AND lon BETWEEN 12 AND 19 AND lat BETWEEN 48.5 AND 51.1")" ]
http GET "/api/v1/chargers?bbox=oops"
check "API errors through Apache" [ "$status" = 400 -a "$(jqs "d['error']['param']")" = bbox ]
cid=$(sql "SELECT id FROM listings WHERE state = 'approved' ORDER BY id LIMIT 1")
http GET "/chargers/$cid"
check "charger page through Apache" [ "$status" = 200 ]
[ "$status" = 200 ] || { echo "# status $status for listing $cid"; head -c 400 "$tmp/body" | sed "s/^/# /"; tail -3 "$dir/logs/error.log" | sed "s/^/# /"; }
http GET /static/vendor/leaflet/leaflet.js
check "static files from disk" [ "$status" = 200 ]
http GET /nope
check "404 through Apache" [ "$status" = 404 ]
if [ -x "$EVSHARE_ROOT/bin/ocpp-bridge" ]; then
	http GET /ocpp/NO-SUCH-CHARGER -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
		-H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' \
		-H 'Sec-WebSocket-Protocol: ocpp1.6'
	check "websocket path reaches the bridge (unknown identity: 404)" [ "$status" = 404 ]
fi
# conf/apache.conf's access log: the path without its query string, no Referer (issue 8, 3.1)
http GET "/reset?token=apache-secret-q" -H "Referer: $EVSHARE_URL/verify?token=apache-secret-r"
for _ in $(seq 20); do grep -q 'GET /reset ' "$dir/logs/evshare-access.log" 2>/dev/null && break; sleep 0.1; done
check "Apache logs the request by its path" grep -q '"GET /reset HTTP' "$dir/logs/evshare-access.log"
check "and no token from the query string or the Referer" bash -c "! grep -q 'apache-secret' '$dir/logs/evshare-access.log'"
finish
