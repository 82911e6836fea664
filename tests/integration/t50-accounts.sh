#!/bin/bash
# Accounts through the real lighttpd: register, verify through the outbox, log in and out,
# reset a password, profile, sessions, become a host, delete; CSRF on every form, values kept
# on invalid input, hostile text escaped and stored as typed, throttling with 429.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/web.sh"

sql "DELETE FROM rate_limits" >/dev/null
s1='<script>alert(1)</script>'
s2="\"'><img src=x onerror=alert(1)>"
s3="'; DROP TABLE accounts; --"
run=$$
email="anna.$run@example.test"
pw="Zelena-louka-$run"

# ---- the register form and its cookie
get anna /register
check "register page is 200" [ "$status" = 200 ]
check "register form carries a CSRF token" grep -q 'name="csrf" value="[A-Za-z0-9_-]\{43\}"' "$tmp/body"
check "the visitor cookie is HttpOnly and SameSite=Lax" bash -c "grep -i '^Set-Cookie: ev_v=' '$tmp/headers' | grep -q 'HttpOnly; SameSite=Lax'"
check "no Secure flag over plain http" bash -c "! grep -i '^Set-Cookie: ev_v=' '$tmp/headers' | grep -q Secure"

# ---- CSRF: missing, wrong, someone else's
post_raw anna /register "email=$email" "name=Anna" "password=$pw" "password2=$pw"
check "register without a CSRF token is 403" [ "$status" = 403 ]
post_raw anna /register "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "email=$email" "name=Anna" "password=$pw" "password2=$pw"
check "register with a wrong CSRF token is 403" [ "$status" = 403 ]
other=$(token_of mallory /register)
post_raw anna /register "csrf=$other" "email=$email" "name=Anna" "password=$pw" "password2=$pw"
check "register with another visitor's token is 403" [ "$status" = 403 ]
check "nothing was created by refused posts" [ "$(sql "SELECT count(*) FROM accounts WHERE email = '$email'")" = 0 ]

# ---- invalid input: re-rendered with values kept and messages next to the fields
post anna /register /register "email=not-an-email" "name=Anna $s1" "password=short" "password2=short"
check "invalid registration is re-rendered (200)" [ "$status" = 200 ]
check "the e-mail message is shown" grep -q 'id="e-email"' "$tmp/body"
check "the password message is shown" grep -q 'id="e-password"' "$tmp/body"
check "the typed e-mail is kept" grep -q 'value="not-an-email"' "$tmp/body"
check "the typed name is kept, escaped" grep -qF "value=\"Anna &lt;script&gt;alert(1)&lt;/script&gt;\"" "$tmp/body"
check "the password is never sent back" bash -c "! grep -q 'value=\"short\"' '$tmp/body'"
for e in "$s1" "$s2" "$s3"; do
	post anna /register /register "email=$e" "name=Anna" "password=x" "password2=x"
	check "a hostile e-mail ($e) is refused and shown escaped" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-email\"' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"
	login anna "$e" "x"
	check "a hostile login e-mail ($e) is answered, escaped" bash -c "[ '$status' = 200 ] && ! grep -q '<script>alert' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"
done
post anna /register /register "email=$email" "name=Anna" "password=password123" "password2=password123"
check "a common password is refused" grep -q 'id="e-password"' "$tmp/body"
post anna /register /register "email=$email" "name=Anna" "password=qwertyuiop" "password2=qwertyuiop"
check "qwertyuiop is refused" grep -q 'id="e-password"' "$tmp/body"
post anna /register /register "email=$email" "name=Anna" "password=$pw" "password2=$pw-x"
check "mismatched passwords are refused" grep -q 'id="e-password2"' "$tmp/body"
post anna /register /register "email=$email" "name=" "password=$pw" "password2=$pw"
check "an empty name is refused with the message at the name" grep -q 'id="e-name"' "$tmp/body"

# ---- register for real (with a hostile name: stored as typed, shown escaped)
evil="$s1 $s2 $s3"
post anna /register /register "email=$email" "name=${evil:0:80}" "password=$pw" "password2=$pw"
check "registration redirects to the login page, which says to check the mail" [ "$status" = 303 -a "$(header Location)" = "/login?m=registered" ]
check "registering signs nobody in (the same answer as for a taken address)" bash -c "! grep -qi '^Set-Cookie: ev_s=' '$tmp/headers'"
cp "$tmp/headers" "$tmp/headers.new"
aid=$(sql "SELECT id FROM accounts WHERE email = '$email'")
check "the account exists" [ -n "$aid" ]
check "the name is stored exactly as typed" [ "$(psql -X -tA -v e="$email" <<<"SELECT display_name FROM accounts WHERE email = :'e'")" = "${evil:0:80}" ]
check "the password is stored as argon2id" [ "$(sql "SELECT password_hash LIKE '\$argon2id\$%' FROM accounts WHERE id = $aid")" = t ]
get anna "/login?m=registered"
check "the login page says a link was sent" grep -q 'Poslali jsme vám e-mail\|poslali jsme vám e-mail\|we sent you an e-mail' "$tmp/body"

# ---- verification through the outbox; GET changes nothing; the link signs the person in
link=$(mail_link "$email")
check "the outbox holds the verification link" [ -n "$link" ]
token=${link##*token=}
get fresh "/verify?token=$token"
check "the link opens a page with a button (200)" [ "$status" = 200 ]
check "the page posts the token" grep -q 'action="/verify"' "$tmp/body"
check "opening the link did not verify yet" [ "$(sql "SELECT email_verified_at IS NULL FROM accounts WHERE id = $aid")" = t ]
get fresh "/verify?token=$token"
check "nor did opening it twice: the button is still there" grep -q 'action="/verify"' "$tmp/body"
post_raw fresh /verify "token=$token"
check "verify without CSRF is 403" [ "$status" = 403 ]
post fresh /verify "/verify?token=$token" "token=$token"
check "the button verifies and signs in (303 to the account)" [ "$status" = 303 -a "$(header Location)" = "/account?m=verified" ]
check "the account is verified" [ "$(sql "SELECT email_verified_at IS NOT NULL FROM accounts WHERE id = $aid")" = t ]
check "with a session cookie, HttpOnly; SameSite=Lax" bash -c "grep -i '^Set-Cookie: ev_s=' '$tmp/headers' | grep -q 'HttpOnly; SameSite=Lax'"
# session_attrs: the attributes of the answer's ev_s cookie but its value and Max-Age, which a
# clearing cookie must repeat (a cookie is only replaced by one set the same way)
session_attrs() { grep -i '^Set-Cookie: ev_s=' "$tmp/headers" | tr -d '\r' | sed -e 's/^[^;]*;//' -e 's/ Max-Age=[0-9]*;//'; }
set_attrs=$(session_attrs)
get fresh /account
check "the verified person is signed in" [ "$status" = 200 ]
get fresh "/verify?token=$token"
check "a used link says so" grep -q 'Odkaz je neplatný\|This link is invalid' "$tmp/body"
check "and offers a new one" grep -q 'href="/account"' "$tmp/body"
for bad in short "$token-x" "" "%3Cscript%3E" "$(printf 'A%.0s' $(seq 43))"; do
	get nobody "/verify?token=$bad"
	check "a malformed or unknown token ('${bad:0:12}') gets the page that says so, translated" bash -c "[ '$status' = 200 ] && grep -q 'Odkaz je neplatný' '$tmp/body' && grep -q 'href=\"/login?next=/account\"' '$tmp/body' && ! grep -q 'parameter' '$tmp/body'"
done
get nobody "/verify"
check "no token at all: the same page" bash -c "[ '$status' = 200 ] && grep -q 'Odkaz je neplatný' '$tmp/body'"
http GET "/verify?token=abc" -H 'Accept-Language: en'
check "in English too: invalid or expired, request a new one" bash -c "grep -q 'This link is invalid' '$tmp/body' && grep -q 'Send a new verification link' '$tmp/body'"
post nobody /verify /register "token=abc"
check "posting a bad token says so (400), in words" bash -c "[ '$status' = 400 ] && grep -q 'Odkaz je neplatný' '$tmp/body' && ! grep -q 'parameter' '$tmp/body'"

# ---- the same e-mail again: the same answer, and its owner is told by mail (3.12)
login anna "$email" "$pw"
tok=$(cookie_of anna ev_s)
check "only the token's SHA-256 is stored" [ "$(sql "SELECT count(*) FROM web_sessions WHERE account_id = $aid AND token_hash = sha256('$tok'::bytea)")" = 1 ]
check "the token itself is nowhere in the table" [ "$(sql "SELECT count(*) FROM web_sessions WHERE encode(token_hash, 'escape') LIKE '%$tok%'")" = 0 ]
get anna /account
check "account page is 200 once logged in" [ "$status" = 200 ]
check "the header shows the name escaped" bash -c "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' '$tmp/body' && ! grep -q '<script>alert' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"
sql "DELETE FROM rate_limits" >/dev/null
n0=$(grep -l "^To: <$email>" "$EVSHARE_OUTBOX"/new/* | wc -l)
post taken /register /register "email=${email^^}" "name=Again" "password=$pw-other" "password2=$pw-other"
check "the same e-mail again gets the same answer as a new sign-up" [ "$status" = 303 -a "$(header Location)" = "/login?m=registered" ]
check "and no session either" bash -c "! grep -qi '^Set-Cookie: ev_s=' '$tmp/headers'"
check "nothing about the account changed" [ "$(sql "SELECT count(*) FROM accounts WHERE email = '$email' AND display_name <> 'Again'")" = 1 ]
check "the address's owner got one more message" [ "$(grep -l "^To: <$email>" "$EVSHARE_OUTBOX"/new/* | wc -l)" = $((n0 + 1)) ]
f=$(grep -l "^To: <$email>" "$EVSHARE_OUTBOX"/new/* | xargs ls -t | head -1)
check "it says someone tried to register, with the login and reset links and no token" bash -c "grep -q 'pokusil založit účet' '$f' && grep -q '/login' '$f' && grep -q '/reset\$\|/reset.\$' '$f' && ! grep -q 'token=' '$f'"
for i in 1 2 3; do post taken /register /register "email=$email" "name=Again" "password=$pw-other" "password2=$pw-other"; done
check "at most 3 such messages an hour" [ "$(grep -l "^To: <$email>" "$EVSHARE_OUTBOX"/new/* | wc -l)" = $((n0 + 3)) ]
sql "DELETE FROM rate_limits" >/dev/null
post anna /register /register "email=inv.$run@example.test" "name=Anna$(printf '\u202e')txt.exe" "password=$pw" "password2=$pw"
check "a name with a bidi override is refused at the name" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-name\"' '$tmp/body' && grep -q 'neviditelné' '$tmp/body'"
post anna /account /account "name=Anna$(printf '\u200b')" "phone=" "lang=cs"
check "so is a name with a zero-width space, in the profile" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-name\"' '$tmp/body'"
check "and nothing was stored" [ "$(sql "SELECT count(*) FROM accounts WHERE email = 'inv.$run@example.test' OR display_name LIKE 'Anna' || chr(8203)")" = 0 ]

# ---- log out, log in
post anna /logout /account
check "logout redirects" [ "$status" = 303 ]
check "and clears the cookie (empty, Max-Age=0) with the attributes it was set with" bash -c "grep -qi '^Set-Cookie: ev_s=; Path=/; Max-Age=0;' '$tmp/headers' && [ -n '$set_attrs' ] && [ '$(session_attrs)' = '$set_attrs' ]"
check "the session is revoked in the database" [ "$(sql "SELECT revoked_at IS NOT NULL FROM web_sessions WHERE token_hash = sha256('$tok'::bytea)")" = t ]
http GET /account -b "ev_s=$tok"
check "the old cookie no longer opens the account (to /login?next=)" [ "$status" = 303 -a "$(header Location)" = "/login?next=/account" ]
login anna "$email" "wrong-password-1"
check "a wrong password re-renders the login form" [ "$status" = 200 ] 
check "with the message and the e-mail kept" bash -c "grep -q 'id=\"e-password\"' '$tmp/body' && grep -qF 'value=\"$email\"' '$tmp/body'"
post anna /login "/login?next=/account" "email=${email^^}" "password=$pw" "next=/account"
check "login (e-mail in any case) redirects to next" [ "$status" = 303 -a "$(header Location)" = /account ]
post anna /logout /account
post anna /login /login "email=$email" "password=$pw" "next=//evil.example/x"
check "an off-site next= is ignored" [ "$(header Location)" = / ]
get anna /account
check "logged in again" [ "$status" = 200 ]

# ---- profile: invalid kept, valid saved, hostile stored as typed
post anna /account /account "name=" "phone=abc<b>" "lang=en"
check "invalid profile re-rendered" [ "$status" = 200 ]
check "phone message and typed phone kept" bash -c "grep -q 'id=\"e-phone\"' '$tmp/body' && grep -qF 'value=\"abc&lt;b&gt;\"' '$tmp/body'"
check "name message shown" grep -q 'id="e-name"' "$tmp/body"
post anna /account /account "name=$s2" "phone=+420 777 123 456" "lang=en"
check "profile saved (303)" [ "$status" = 303 ]
check "name stored as typed" [ "$(sql "SELECT display_name = \$\$$s2\$\$ FROM accounts WHERE id = $aid")" = t ]
check "phone and language stored" [ "$(sql "SELECT phone || '|' || lang FROM accounts WHERE id = $aid")" = "+420 777 123 456|en" ]
get anna /account
check "the hostile name is escaped in the form" bash -c "grep -qF 'value=\"&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;\"' '$tmp/body' && ! grep -q '<img src=x' '$tmp/body'"
post anna /account /account "name=Anna Nová" "phone=" "lang=cs"
post_raw anna /account "name=X" "lang=cs"
check "profile without CSRF is 403" [ "$status" = 403 ]

for p in /logout /verify/resend /account/host /account/sessions/revoke; do
	post_raw anna "$p" "id=1"
	check "POST $p without CSRF is 403" [ "$status" = 403 ]
	post_raw anna "$p" "id=1" "csrf=$(token_of mallory /register)"
	check "POST $p with an anonymous visitor's token is 403" [ "$status" = 403 ]
done
get anna /account
check "still signed in after the refused posts" [ "$status" = 200 ]

# ---- sessions: list and revoke another device
login anna2 "$email" "$pw"
get anna /account
check "two sessions are listed" [ "$(grep -c 'action="/account/sessions/revoke"' "$tmp/body")" -ge 2 ]
sid2=$(sql "SELECT id FROM web_sessions WHERE token_hash = sha256('$(cookie_of anna2 ev_s)'::bytea)")
post anna /account/sessions/revoke /account "id=$sid2"
check "revoking the other device redirects" [ "$status" = 303 ]
get anna2 /account
check "the other device is signed out" [ "$status" = 303 ]
mid=$(sql "SELECT s.id FROM web_sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = 'driver@evshare.test' LIMIT 1")
[ -z "$mid" ] && { login drv driver@evshare.test; mid=$(sql "SELECT s.id FROM web_sessions s JOIN accounts a ON a.id = s.account_id WHERE a.email = 'driver@evshare.test' LIMIT 1"); }
post anna /account/sessions/revoke /account "id=$mid"
check "someone else's session cannot be revoked (404)" [ "$status" = 404 ]

# ---- become a host (verified accounts only)
post anna /account/host /account
check "become a host redirects" [ "$status" = 303 ]
check "the account is an owner now" [ "$(sql "SELECT is_owner FROM accounts WHERE id = $aid")" = t ]
check "and it is in the audit log" [ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'account.become_host' AND target_id = $aid")" = 1 ]
sql "DELETE FROM rate_limits" >/dev/null
bemail="bob.$run@example.test"
post bob /register /register "email=$bemail" "name=Bob" "password=$pw" "password2=$pw"
login bob "$bemail" "$pw"
post bob /account/host /account
check "an unverified account cannot become a host" [ "$(header Location)" = "/account?m=need_verify" -a "$(sql "SELECT is_owner FROM accounts WHERE email = '$bemail'")" = f ]

# ---- password reset by token
sql "DELETE FROM rate_limits" >/dev/null
post nobody /reset /reset "email=nobody.$run@example.test"
check "reset for an unknown address answers the same" [ "$status" = 303 -a "$(header Location)" = "/login?m=reset_sent" ]
post nobody /reset /reset "email=bad"
check "reset with an invalid e-mail re-renders with the message" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-email\"' '$tmp/body' && grep -q 'value=\"bad\"' '$tmp/body'"
post anon /reset /reset "email=$email"
link=$(mail_link "$email")
check "the outbox holds the reset link" bash -c "echo '$link' | grep -q '/reset/confirm?token='"
token=${link##*token=}
post anon2 /reset /reset "email=$email"
link2=$(mail_link "$email")
token2=${link2##*token=}
check "a second reset link (R2) is another token" [ -n "$token2" -a "$token2" != "$token" ]
get anon "/reset/confirm?token=$token"
check "the reset link opens the form" bash -c "[ '$status' = 200 ] && grep -q 'action=\"/reset/confirm\"' '$tmp/body'"
check "the form carries the token in the POST body, not in its action" bash -c "grep -q 'name=\"token\" value=\"$token\"' '$tmp/body' && ! grep -q 'action=\"[^\"]*token' '$tmp/body'"
get anon "/reset/confirm?token=$token"
check "opening the link again still opens the form: a GET uses nothing up" grep -q 'action="/reset/confirm"' "$tmp/body"
check "both tokens are still unused" [ "$(sql "SELECT count(*) FROM account_tokens WHERE account_id = $aid AND purpose = 'reset_password' AND used_at IS NULL")" = 2 ]
post anon /reset/confirm "/reset/confirm?token=$token" "token=$token" "password=abc" "password2=abc"
check "a short new password is refused" grep -q 'id="e-password"' "$tmp/body"
newpw="Modra-obloha-$run"
check "before the reset, the browsers that logged in are known devices" [ "$(sql "SELECT count(*) FROM known_devices WHERE account_id = $aid")" -ge 1 ]
post anon /reset/confirm "/reset/confirm?token=$token" "token=$token" "password=$newpw" "password2=$newpw"
check "the new password is set (303)" [ "$status" = 303 ]
check "no browser is a known device of the account any more" [ "$(sql "SELECT count(*) FROM known_devices WHERE account_id = $aid")" = 0 ]
check "every reset token of the account is used up with it" [ "$(sql "SELECT count(*) FROM account_tokens WHERE account_id = $aid AND purpose = 'reset_password' AND used_at IS NULL")" = 0 ]
get anon2 "/reset/confirm?token=$token2"
check "R2 no longer opens the form once R1 reset the password" bash -c "! grep -q 'action=\"/reset/confirm\"' '$tmp/body' && grep -q 'Odkaz je neplatný' '$tmp/body' && grep -q 'href=\"/reset\"' '$tmp/body'"
post anon2 /reset/confirm /reset "token=$token2" "password=$newpw-r2" "password2=$newpw-r2"
check "nor does posting R2 set a password (400, said in words)" bash -c "[ '$status' = 400 ] && grep -q 'Odkaz je neplatný' '$tmp/body'"
check "no token is in the web side's log" bash -c "! grep -qF -e '$token' -e '$token2' '$EVSHARE_VAR/log/fcgi.log'"
get anna /account
check "every old session ended with the reset" [ "$status" = 303 ]
login anna "$email" "$pw"
check "the old password no longer works" [ "$status" = 200 ]
login anna "$email" "$newpw-r2"
check "R2's password was never set" [ "$status" = 200 ]
login anna "$email" "$newpw"
check "the new password works" [ "$status" = 303 ]
check "and the browser is remembered as a known device (only a hash stored)" bash -c "d=\$(awk '\$6 == \"ev_d\" { print \$7 }' '$tmp/anna.jar' | tail -1); [ -n \"\$d\" ] && [ \"\$(psql -X -tA -c \"SELECT count(*) FROM known_devices WHERE account_id = $aid AND token_hash = sha256('\$d'::bytea)\")\" = 1 ]"
post anon /reset/confirm /reset "token=$token" "password=$newpw-2" "password2=$newpw-2"
check "a reset link works once" grep -q 'Odkaz je neplatný\|This link is invalid' "$tmp/body"
get nobody "/reset/confirm?token=abc"
check "a mangled reset link: a page in words with a link to ask again, never a 400 about a parameter" bash -c "[ '$status' = 200 ] && grep -q 'Odkaz je neplatný' '$tmp/body' && grep -q 'href=\"/reset\"' '$tmp/body' && ! grep -q 'parameter\|wrong length' '$tmp/body'"

# ---- throttling: strangers cannot lock the owner out (3.2)
# cgi_login ADDR EMAIL PASSWORD [DEVICE]: a login from another address, through the same binary
# as CGI (lighttpd always sees 127.0.0.1); prints the Status line
visitor=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
vcsrf=$(python3 -c "import hashlib,base64,sys; print(base64.urlsafe_b64encode(hashlib.sha256(b'evshare-csrf:'+sys.argv[1].encode()).digest()).decode().rstrip('='))" "$visitor")
cgi_login() {
	local form
	form=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.urlencode({"csrf": sys.argv[1], "email": sys.argv[2], "password": sys.argv[3]}))' "$vcsrf" "$2" "$3")
	printf '%s' "$form" | REQUEST_METHOD=POST REQUEST_URI=/login QUERY_STRING= CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH=${#form} HTTP_COOKIE="ev_v=$visitor${4:+; ev_d=$4}" REMOTE_ADDR="$1" EVSHARE_LOG_FILE= \
		"$EVSHARE_ROOT/bin/evshare.fcgi" 2>/dev/null >"$tmp/cgi.out"
	head -1 "$tmp/cgi.out" | tr -d '\r'
}
sql "DELETE FROM rate_limits" >/dev/null
for i in $(seq 10); do login thief "$email" "guess-$i-xxxxx"; done
check "ten wrong passwords from one address are each refused as wrong" [ "$status" = 200 ]
login thief "$email" "guess-11-xxxxx"
check "the 11th try for the account from that address is 429" [ "$status" = 429 ]
check "with Retry-After" bash -c "[ -n '$(header Retry-After)' ] && [ '$(header Retry-After)' -gt 0 ]"
check "and the wait in words, in the form" grep -q 'Zkuste to znovu za 15 minut' "$tmp/body"
http GET /login -H 'Accept-Language: en' -b "$tmp/thief.jar" -c "$tmp/thief.jar"
t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/body" | head -1)
http POST /login -H 'Accept-Language: en' -b "$tmp/thief.jar" --data-urlencode "csrf=$t" --data-urlencode "email=$email" --data-urlencode "password=x-guess-12"
check "in English: try again in 15 minutes" grep -q 'Try again in 15 minutes' "$tmp/body"
for i in $(seq 5); do login thief "$email" "guess-more-$i"; done
check "refused tries are not counted: the window still holds 10" [ "$(sql "SELECT count(*) FROM rate_limits WHERE bucket = 'login:account:$email:ip:127.0.0.1'")" = 10 ]
login thief "$email" "$newpw"
check "the right password from that address and an unknown browser waits too" [ "$status" = 429 ]
check "from address Y the owner gets in with the right password" [ "$(cgi_login 192.0.2.7 "$email" "$newpw")" = "Status: 303 See Other" ]
check "(a wrong one from Y is still just wrong)" [ "$(cgi_login 192.0.2.7 "$email" "not-it-123")" = "Status: 200 OK" ]
login anna "$email" "$newpw"
check "from the known device at the throttled address the owner gets in" [ "$status" = 303 ]
dev=$(awk '$6 == "ev_d" { print $7 }' "$tmp/anna.jar" | tail -1)
check "so does the known device's cookie from anywhere" [ "$(cgi_login 198.51.100.9 "$email" "$newpw" "$dev")" = "Status: 303 See Other" ]
check "a made-up device cookie is a stranger" [ "$(cgi_login 127.0.0.1 "$email" "$newpw" "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB")" = "Status: 429 Too Many Requests" ]
# a slow trickle: tries keep coming while refused, the last counted failure is 14 minutes old
sql "UPDATE rate_limits SET hit_at = hit_at - interval '14 minutes' WHERE bucket LIKE 'login:%'" >/dev/null
for i in $(seq 3); do login thief "$email" "trickle-$i-xxxxx"; done
check "a trickle while refused is still refused" [ "$status" = 429 ]
sql "UPDATE rate_limits SET hit_at = hit_at - interval '90 seconds' WHERE bucket LIKE 'login:%'" >/dev/null
login thief "$email" "$newpw"
check "and does not keep the account locked: 15 minutes after the last counted failure it opens" [ "$status" = 303 ]
sql "DELETE FROM rate_limits" >/dev/null
for i in $(seq 10); do post spam /register /register "email=spam$i.$run@example.test" "name=S" "password=x" "password2=x"; done
post spam /register /register "email=spam11.$run@example.test" "name=S" "password=x" "password2=x"
check "the 11th registration from one address in an hour is 429" [ "$status" = 429 -a -n "$(header Retry-After)" ]
check "saying how long to wait" grep -q 'Zkuste to znovu za' "$tmp/body"
for i in 1 2 3; do post spam /register /register "email=spam12.$run@example.test" "name=S" "password=x" "password2=x"; done
check "refused registrations are not counted either" [ "$(sql "SELECT count(*) FROM rate_limits WHERE bucket = 'register:ip:127.0.0.1'")" = 10 ]
# the window slides: ten failed logins 10 minutes ago still count, 16 minutes ago no longer
sql "DELETE FROM rate_limits" >/dev/null
sql "INSERT INTO rate_limits (bucket, hit_at) SELECT 'login:account:$email:ip:127.0.0.1', now() - interval '10 minutes' - g * interval '1 second' FROM generate_series(1, 10) g" >/dev/null
login thief2 "$email" "$newpw"
check "ten failed logins 10 minutes ago: still 429 (a sliding 15 minutes, not the clock's)" [ "$status" = 429 ]
ra=$(header Retry-After)
check "Retry-After says when the oldest attempt leaves the window (~5 minutes)" [ "${ra:-0}" -gt 240 -a "${ra:-0}" -le 300 ]
check "and the page says so in words" grep -q 'Zkuste to znovu za 5 minut' "$tmp/body"
sql "UPDATE rate_limits SET hit_at = now() - interval '16 minutes' WHERE bucket = 'login:account:$email:ip:127.0.0.1'" >/dev/null
login thief2 "$email" "$newpw"
check "once they are 15 minutes old the right password works again" [ "$status" = 303 ]
login thief3 "$email" "wrong-again-xxx"
check "and the expired attempts are gone" [ "$(sql "SELECT count(*) FROM rate_limits WHERE bucket = 'login:account:$email:ip:127.0.0.1' AND hit_at < now() - interval '15 minutes'")" = 0 ]
sql "DELETE FROM rate_limits" >/dev/null
for i in 1 2 3; do post r /reset /reset "email=$email"; done
post r /reset /reset "email=$email"
check "the 4th reset for one account in an hour is 429" [ "$status" = 429 ]
sql "DELETE FROM rate_limits" >/dev/null

# ---- login required
http GET /account
check "the account page sends strangers to /login?next=" [ "$status" = 303 -a "$(header Location)" = "/login?next=/account" ]
get nobody "/login?next=/account"
check "the login form carries next" grep -q 'name="next" value="/account"' "$tmp/body"

# ---- delete my account: personal data anonymised, history kept
login anna "$email" "$newpw"
post anna /account/delete /account "password=wrong-one-123"
check "delete with a wrong password is refused at the field" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-password\"' '$tmp/body'"
for i in $(seq 9); do post anna /account/delete /account "password=wrong-$i-123"; done
check "ten wrong passwords at delete are each refused as wrong" bash -c "[ '$status' = 200 ] && grep -q 'id=\"e-password\"' '$tmp/body'"
post anna /account/delete /account "password=$newpw"
check "then the password check is throttled like a login (429), even the right password" [ "$status" = 429 ]
check "saying how long to wait" grep -q 'Zkuste to znovu za 15 minut' "$tmp/body"
check "the account is still there" [ "$(sql "SELECT state FROM accounts WHERE id = $aid")" = active ]
for i in 1 2; do post anna /account/delete /account "password=more-$i-123"; done
check "refused re-checks are not counted" [ "$(sql "SELECT count(*) FROM rate_limits WHERE bucket = 'recheck:account:$aid'")" = 10 ]
sql "UPDATE rate_limits SET hit_at = now() - interval '16 minutes' WHERE bucket = 'recheck:account:$aid'" >/dev/null
post_raw anna /account/delete "password=$newpw"
check "delete without CSRF is 403" [ "$status" = 403 ]
post anna /account/delete /account "password=$newpw"
check "delete redirects" [ "$status" = 303 ]
check "and clears the cookie with the attributes it was set with" bash -c "grep -qi '^Set-Cookie: ev_s=; Path=/; Max-Age=0;' '$tmp/headers' && [ '$(session_attrs)' = '$set_attrs' ]"
check "personal data is gone" [ "$(sql "SELECT state || '|' || email || '|' || display_name || '|' || coalesce(phone, '-') || '|' || (password_hash IS NULL) FROM accounts WHERE id = $aid")" = "deleted|deleted-$aid@deleted.invalid|deleted|-|true" ]
check "the account row (for history) stays" [ "$(sql "SELECT count(*) FROM accounts WHERE id = $aid")" = 1 ]
check "every session ended" [ "$(sql "SELECT count(*) FROM web_sessions WHERE account_id = $aid AND revoked_at IS NULL")" = 0 ]
login anna "$email" "$newpw"
check "a deleted account cannot log in" [ "$status" = 200 ]
finish
