#!/bin/bash
# test-fresh.sh - `make test-fresh`: the README's commands on a truly fresh Debian 12 machine.
#
# Bootstraps a minimal Debian 12 (bookworm) root with debootstrap, puts a clean copy of HEAD
# (git archive: committed files only) in /root/evshare inside it, and there, as a new user
# types them in a new shell each: `make run` (on other ports than a `make run` on this machine
# uses), then every operator command the README shows -- taken from README.md itself, as
# printed -- `make psql` and `make stop`. From outside it checks /health, the map page and the
# bbox API while the instance runs, and that nothing of it is left running after `make stop`.
# Prints "ok - ..." / "not ok - ..." lines and ends "N passed, N failed"; exit 0 when all pass.
#
# Needs root (debootstrap, chroot, mounts) and the Debian archive; nothing is cached: every run
# bootstraps and installs from scratch, so a missing install step cannot hide (~5-15 min).
# The mirror is the one this machine's apt uses. Always unmounts and removes the root, also on
# failure or ^C (EVSHARE_FRESH_KEEP=1 keeps it, unmounted). Logs: tests/out/fresh/.
set -uo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
work=${EVSHARE_FRESH_DIR:-$src/var/fresh}
out=$src/tests/out/fresh
r=$work/root
# the ports of the instance inside: not those of a `make run` (8080...) or `make test` (18080...)
http_port=${EVSHARE_FRESH_HTTP_PORT:-38080}
bridge_port=${EVSHARE_FRESH_BRIDGE_PORT:-38180}
pg_port=${EVSHARE_FRESH_PG_PORT:-35433}
suite=bookworm
t0=$(date +%s)

passed=0 failed=0
ok()  { echo "ok - $*"; passed=$((passed + 1)); }
nok() { echo "not ok - $*"; failed=$((failed + 1)); }
say() { echo "# $*"; }
# show LOG: the end of a log, as comment lines (a CI log is all there is to go on)
show() { [ -f "$1" ] && tail -n "${2:-25}" "$1" | sed 's/^/#   /'; }
finish() {
	echo "$passed passed, $failed failed ($(( $(date +%s) - t0 )) s)"
	[ "$failed" -eq 0 ]
	exit
}

[ "$(id -u)" -eq 0 ] || { nok "test-fresh needs root (debootstrap, chroot, mount)"; finish; }
if ! command -v debootstrap >/dev/null 2>&1; then
	say "installing debootstrap"
	{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap; } >/dev/null ||
		{ nok "debootstrap could not be installed"; finish; }
fi

# ---------------------------------------------------------------- the mirror this machine uses
# mirror SUITE: the first URI of an enabled "deb" source for exactly SUITE, from deb822 .sources
# files or one-line sources.list entries
mirror() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v want="$1" 'BEGIN { RS = ""; FS = "\n" }
		{
			types = ""; uris = ""; suites = ""; enabled = "yes"
			for (i = 1; i <= NF; i++) {
				l = $i
				if (l ~ /^[ \t]*#/) continue
				if (sub(/^Types:[ \t]*/, "", l)) types = l
				else if (sub(/^URIs:[ \t]*/, "", l)) uris = l
				else if (sub(/^Suites:[ \t]*/, "", l)) suites = l
				else if (sub(/^Enabled:[ \t]*/, "", l)) enabled = l
			}
			if (enabled == "no" || (" " types " ") !~ / deb /) next
			if ((" " suites " ") ~ (" " want " ")) { split(uris, u, /[ \t]+/); print u[1]; exit }
		}' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v want="$1" '$1 == "deb" {
			i = 2
			if ($2 ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
			if ($(i + 1) == want) { print $i; exit }
		}' "$f"
	done
}
main_mirror=$(mirror "$suite" | head -n 1)
security_mirror=$(mirror "$suite-security" | head -n 1)
[ -n "$main_mirror" ] || { nok "no Debian $suite source in /etc/apt/sources.list* to bootstrap from"; finish; }

# ---------------------------------------------------------------- set up, and always tear down
mounted=()
# procs_in_root: the processes whose root folder is the fresh root (ours: started in it)
procs_in_root() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && echo "${p#/proc/}"
	done
}
cleanup() {
	local p i
	trap - EXIT INT TERM
	# whatever the test left running in the root (a failed make stop): end it, ours only
	p=$(procs_in_root)
	if [ -n "$p" ]; then
		say "ending what still runs in the fresh root: $(echo $p)"
		kill $p 2>/dev/null; sleep 2
		p=$(procs_in_root); [ -n "$p" ] && kill -9 $p 2>/dev/null; sleep 0.5
	fi
	for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
		umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null ||
			echo "# could not unmount ${mounted[i]}"
	done
	if grep -q " $work/" /proc/mounts; then
		echo "# something is still mounted under $work: not removing it"
	elif [ "${EVSHARE_FRESH_KEEP:-0}" = 1 ]; then
		echo "# kept (unmounted): $r"
	else
		rm -rf --one-file-system "$work"
	fi
}
trap cleanup EXIT
trap 'echo "# interrupted"; exit 130' INT TERM

mnt() {   # mnt TYPE SOURCE TARGET [OPTIONS]
	mkdir -p "$3"
	mount -t "$1" ${4:+-o "$4"} "$2" "$3" && mounted+=("$3")
}

# in_root CMD: runs CMD with bash in the fresh root as a new login shell of root would: only
# PATH, HOME, TERM and LANG, nothing of this machine's environment (no EVSHARE_*, no PG*)
# (a proxy this machine needs, the fresh one would have been set up with too)
in_root() {
	chroot "$r" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root TERM=dumb LANG=C.UTF-8 ${http_proxy:+http_proxy=$http_proxy} \
		${https_proxy:+https_proxy=$https_proxy} ${no_proxy:+no_proxy=$no_proxy} /bin/bash -c "$1"
}

# what an interrupted earlier run may have left mounted (ours: under $work), innermost first
awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r | while read -r m; do
	umount "$m" 2>/dev/null || umount -l "$m"
done
grep -q " $work/" /proc/mounts && { nok "an earlier run left mounts under $work"; finish; }
rm -rf --one-file-system "$work" "$out"
mkdir -p "$work" "$out"

say "debootstrap --variant=minbase $suite from $main_mirror"
s=$(date +%s)
if debootstrap --variant=minbase "$suite" "$r" "$main_mirror" >"$out/debootstrap.log" 2>&1; then
	ok "a minimal Debian 12 root bootstrapped ($(( $(date +%s) - s )) s)"
else
	nok "debootstrap failed"; show "$out/debootstrap.log"; finish
fi

# what a fresh machine has that a bootstrapped root lacks: its apt sources (updates, security),
# /etc/hosts, name resolution, and the kernel's file systems
{
	echo "deb $main_mirror $suite main"
	echo "deb $main_mirror $suite-updates main"
	[ -n "$security_mirror" ] && echo "deb $security_mirror $suite-security main"
} >"$r/etc/apt/sources.list"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$r/etc/hosts"
cp -L /etc/resolv.conf "$r/etc/resolv.conf"
# A package's services are not started on install: the root shares this machine's network,
# and a PostgreSQL on 5432 or a lighttpd on 80 started by dpkg would outlive the test.
# (evshare starts its own servers, on its own ports; scripts/deps.sh stops Debian's anyway.)
printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d" && chmod 0755 "$r/usr/sbin/policy-rc.d"
mnt proc proc "$r/proc" &&
	mnt sysfs sysfs "$r/sys" &&
	mnt devpts devpts "$r/dev/pts" newinstance,ptmxmode=0666,mode=0620 &&
	mnt tmpfs shm "$r/dev/shm" mode=1777,size=512m ||
	{ nok "mounting /proc, /sys, /dev/pts and /dev/shm in the root failed"; finish; }

# the checkout, as a clean clone of HEAD has it (committed files only)
mkdir -p "$r/root/evshare"
if git -C "$src" archive --format=tar HEAD | tar -x -C "$r/root/evshare"; then
	ok "a clean copy of HEAD ($(git -C "$src" rev-parse --short HEAD)) in /root/evshare"
else
	nok "git archive HEAD failed"; finish
fi

# ---------------------------------------------------------------- the README's two steps
# the one thing the README asks for before `make run`: make itself
if in_root "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends make" \
	>"$out/install-make.log" 2>&1; then
	ok "apt-get install make"
else
	nok "apt-get install make failed"; show "$out/install-make.log"; finish
fi

say "make run (EVSHARE_HTTP_PORT=$http_port EVSHARE_BRIDGE_PORT=$bridge_port EVSHARE_PG_PORT=$pg_port)"
s=$(date +%s)
if in_root "cd /root/evshare && EVSHARE_HTTP_PORT=$http_port EVSHARE_BRIDGE_PORT=$bridge_port EVSHARE_PG_PORT=$pg_port make run" \
	>"$out/make-run.log" 2>&1; then
	ok "make run: installed, built and started ($(( $(date +%s) - s )) s)"
else
	nok "make run failed"; show "$out/make-run.log" 40
	show "$r/root/evshare/var/log/lighttpd-error.log" 10; show "$r/root/evshare/var/log/bridge.log" 10
	finish
fi
grep -q "http://127.0.0.1:$http_port/" "$out/make-run.log" &&
	ok "make run says where to open it" || nok "make run does not print http://127.0.0.1:$http_port/"
# the packages came before the first compile (item 1 of issue 8: make run broke right there)
first_cc=$(grep -n -m1 -E '^(cc|gcc) ' "$out/make-run.log" | cut -d: -f1)
installed=$(grep -n -m1 'evshare: packages installed' "$out/make-run.log" | cut -d: -f1)
[ -n "$installed" ] && [ -n "$first_cc" ] && [ "$installed" -lt "$first_cc" ] &&
	ok "the packages were installed before the first compile" ||
	nok "make run compiled before the packages were installed (lines ${installed:-none} / ${first_cc:-none})"

# ---------------------------------------------------------------- what a visitor sees
url=http://127.0.0.1:$http_port
get() { curl -s -o "$out/body" -w '%{http_code}' --max-time 20 "$url$1"; }
code=$(get /health)
[ "$code" = 200 ] && grep -q '"state": *"ok"' "$out/body" &&
	ok "/health: 200, database ok" || { nok "/health answered $code"; show "$out/body" 5; }
code=$(get /)
[ "$code" = 200 ] && grep -q 'id="map"' "$out/body" &&
	ok "the map page /" || nok "the map page / answered $code"
code=$(get "/api/v1/chargers?bbox=12,48.5,19,51.1")
total=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"] if d.get("type") == "FeatureCollection" else -1)' "$out/body" 2>/dev/null)
[ "$code" = 200 ] && [ "${total:-0}" -gt 0 ] 2>/dev/null &&
	ok "the bbox API: $total demo chargers in the Czech Republic" ||
	{ nok "the bbox API answered $code (total ${total:-?})"; show "$out/body" 5; }

# the README's `command DEMO-...` needs its simulated charger connected
for _ in $(seq 60); do
	online=$(get /health >/dev/null; python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("chargers_online", d.get("bridge", {}).get("chargers_online", 0)))' "$out/body" 2>/dev/null)
	[ "${online:-0}" -gt 0 ] 2>/dev/null && break
	sleep 1
done
# the demo chargers' shared password is in no process's command line (issue 8, 3.12)
leak=0
for p in $(procs_in_root); do tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q 'evshare-demo-charger' && leak=1; done
[ $leak = 0 ] && ok "no command line shows the demo chargers' password" || nok "a command line shows the demo chargers' password"

# ---------------------------------------------------------------- the README's operator commands
# every `bin/evshare-admin ...` line of README.md's sh blocks, continuation lines joined, each in
# a new shell from the checkout with nothing set: the instance must be found from var/
readme=$r/root/evshare/README.md
mapfile -t lines < <("$(dirname "$0")/readme-commands.sh" "$readme")
[ "${#lines[@]}" -ge 5 ] && ok "README.md shows ${#lines[@]} evshare-admin commands" ||
	nok "README.md shows ${#lines[@]} evshare-admin commands (expected migrate, create-admin, add-charger, list-chargers, command)"
n=0
for line in "${lines[@]}"; do
	n=$((n + 1))
	cmd=$(echo "$line" | sed 's/[[:space:]]*#[^'\''"]*$//; s/[[:space:]][[:space:]]*/ /g')
	log=$out/readme-$n.log
	if in_root "cd /root/evshare && $line" >"$log" 2>&1; then
		ok "README: $cmd"
		sed 's/^/#   /' "$log" | head -n 6
	else
		nok "README: $cmd (exit $?)"; show "$log" 10
	fi
done
# what those commands must have done
grep -qs '^password: ' "$out"/readme-*.log && ok "create-admin / add-charger printed a password" ||
	nok "no README command printed a password"
grep -qsiE 'accepted' "$out"/readme-*.log && ok "the README's OCPP command was accepted by the charger" ||
	nok "no README command reports an accepted OCPP command"

# make psql, fed a query on its standard input
if echo 'SELECT 40 + 2 AS answer;' | in_root "cd /root/evshare && make psql" >"$out/psql.log" 2>&1 &&
	grep -qw 42 "$out/psql.log"; then
	ok "make psql (on port $pg_port, remembered from make run)"
else
	nok "make psql"; show "$out/psql.log" 10
fi

# make stop: says what it stopped, and nothing of the instance runs afterwards
s=$(date +%s)
if in_root "cd /root/evshare && make stop" >"$out/stop.log" 2>&1; then
	ok "make stop ($(( $(date +%s) - s )) s)"
else
	nok "make stop failed"; show "$out/stop.log" 10
fi
sed 's/^/#   /' "$out/stop.log"
for what in "charger simulator" lighttpd "OCPP bridge" PostgreSQL; do
	grep -q "stopped .*$what" "$out/stop.log" && ok "make stop says it stopped the $what" ||
		nok "make stop does not say it stopped the $what"
done
left=$(procs_in_root)
if [ -z "$left" ]; then
	ok "nothing of the instance runs after make stop"
else
	nok "still running after make stop: $(for p in $left; do tr '\0' ' ' <"/proc/$p/cmdline"; echo; done | head -5)"
fi
code=$(get /health)
[ "$code" = 000 ] && ok "nothing answers on port $http_port any more" || nok "port $http_port still answers ($code)"

finish
