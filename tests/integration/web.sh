# web.sh - sourced after lib.sh by the tests of people's pages: a cookie jar per person (a
# name), the CSRF token taken from a form the way a browser would, logging in, the outbox.

# get WHO PATH [curl args...]: a GET with WHO's cookies
get() { local j=$1 p=$2; shift 2; http GET "$p" -b "$tmp/$j.jar" -c "$tmp/$j.jar" "$@"; }
# token_of WHO PATH: the CSRF token of the first form on PATH (as WHO sees it)
token_of() { get "$1" "$2"; sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/body" | head -1; }
# post_raw WHO PATH field=value...: a POST exactly as given (no token added)
post_raw() {
	local j=$1 p=$2; shift 2
	local args=() kv
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	http POST "$p" -b "$tmp/$j.jar" -c "$tmp/$j.jar" -H 'Content-Type: application/x-www-form-urlencoded' "${args[@]}"
}
# post WHO PATH FROM field=value...: a POST carrying the token of the form on page FROM
post() {
	local j=$1 p=$2 from=$3 t; shift 3
	t=$(token_of "$j" "$from")
	post_raw "$j" "$p" "csrf=$t" "$@"
}
# login WHO EMAIL [PASSWORD]
login() { post "$1" /login /login "email=$2" "password=${3:-evshare-demo}"; }
cookie_of() { awk -v n="$2" '$6 == n { print $7 }' "$tmp/$1.jar" | tail -1; }
# mail_link EMAIL: the newest link with a token in a message to EMAIL
mail_link() {
	local f
	f=$(grep -l "^To: <$1>" "$EVSHARE_OUTBOX"/new/* 2>/dev/null | xargs -r ls -t | head -1)
	[ -n "$f" ] && grep -o 'http[^ ]*token=[A-Za-z0-9_-]*' "$f" | head -1
}
# html_has TEXT: the body contains TEXT, HTML-escaped as ClearSilver does
html_esc() { python3 -c 'import html,sys; print(html.escape(sys.argv[1], quote=True).replace("&#x27;", "&#39;"))' "$1"; }
