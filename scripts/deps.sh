#!/bin/sh
# deps.sh - install the Debian packages evshare needs that are missing (as root, or with sudo).
# Usage: scripts/deps.sh [build|run|test|bench]   (each level includes the ones before it)
# Once the build packages are there it writes build/deps.stamp: the Makefile's objects wait for
# that file (order-only), so nothing compiles before the packages are installed.
set -eu
level=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)
stamp() { mkdir -p "$root/build" && echo "$want" >"$root/build/deps.stamp"; }

build="gcc make pkg-config libfcgi-dev clearsilver-dev libjansson-dev libpq-dev libcurl4-openssl-dev
libsodium-dev libwebsockets-dev libjs-leaflet libjs-leaflet.markercluster"
run="postgresql-15 lighttpd curl ca-certificates libwebsockets-evlib-ev"
test="apache2 chromium nodejs npm python3 clang libclang-rt-14-dev valgrind openssl"
bench="wrk"

want=$build
case $level in
build) ;;
run) want="$want $run" ;;
test) want="$want $run $test" ;;
bench) want="$want $run $test $bench" ;;
*) echo "usage: $0 build|run|test|bench" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
# node may come from elsewhere than Debian (e.g. a preinstalled toolchain): that is fine
case " $missing " in *" nodejs "*) command -v node >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ nodejs//') ;; esac
case " $missing " in *" npm "*) command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//') ;; esac
[ -z "$missing" ] && { stamp; exit 0; }

echo "evshare: installing Debian packages:$missing"
sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "evshare: need root or sudo to install:$missing" >&2; exit 1; }
	sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
# Debian enables and starts lighttpd/apache2 on install: we run our own, on our own ports
for s in lighttpd apache2; do
	$sudo sh -c "command -v systemctl >/dev/null && systemctl disable --now $s" >/dev/null 2>&1 || true
	$sudo sh -c "[ -x /etc/init.d/$s ] && /etc/init.d/$s stop" >/dev/null 2>&1 || true
done
echo "evshare: packages installed"
stamp
