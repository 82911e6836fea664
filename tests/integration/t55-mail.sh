#!/bin/bash
# Outgoing mail with an SMTP relay configured (smtp_url): the message reaches the relay
# (Python's smtpd here) instead of the outbox; with the relay down it falls back to the outbox.
# Run as CGI (the same binary) so the web server's processes keep their settings.
. "$(dirname "$0")/lib.sh"

port=$((20000 + $$ % 20000))
relaylog=$tmp/relay.log
python3 -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$port" >"$relaylog" 2>&1 &
relay=$!
trap 'kill $relay 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

sql "DELETE FROM rate_limits" >/dev/null
email=$(sql "SELECT email FROM accounts WHERE email = 'driver@evshare.test'")
visitor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
csrf=$(python3 -c "import hashlib,base64,sys; print(base64.urlsafe_b64encode(hashlib.sha256(b'evshare-csrf:'+sys.argv[1].encode()).digest()).decode().rstrip('='))" "$visitor")
form="csrf=$csrf&email=driver%40evshare.test"
outbox=$tmp/outbox
cgi_reset() {
	printf '%s' "$form" | REQUEST_METHOD=POST REQUEST_URI=/reset QUERY_STRING= CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#form} HTTP_COOKIE="ev_v=$visitor" REMOTE_ADDR=127.0.0.9 EVSHARE_LOG_FILE= \
		EVSHARE_OUTBOX="$outbox" EVSHARE_SMTP_URL="$1" "$EVSHARE_ROOT/bin/evshare.fcgi" 2>"$tmp/stderr"
}
out=$(cgi_reset "smtp://127.0.0.1:$port")
check "a reset request through CGI answers 303" bash -c "echo \"\$0\" | head -1 | grep -q '^Status: 303'" "$out"
sleep 0.5
check "the relay received the message for the account" grep -q "To: <$email>" "$relaylog"
check "with the reset link" grep -q '/reset/confirm?token=' "$relaylog"
check "and nothing went to the outbox" bash -c "[ -z \"\$(ls '$outbox/new' 2>/dev/null)\" ]"
check "the relay's address is not logged" bash -c "! grep -q '127.0.0.1:$port' '$tmp/stderr'"
kill $relay 2>/dev/null; wait $relay 2>/dev/null
out=$(cgi_reset "smtp://127.0.0.1:1")
check "with the relay down the request still succeeds" bash -c "echo \"\$0\" | head -1 | grep -q '^Status: 303'" "$out"
check "the message falls back to the outbox" bash -c "grep -l '^To: <$email>' '$outbox'/new/* >/dev/null 2>&1"
check "and the failure is logged" grep -q 'SMTP relay refused or failed' "$tmp/stderr"
sql "DELETE FROM rate_limits" >/dev/null
finish
