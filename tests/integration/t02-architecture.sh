#!/bin/bash
# ARCHITECTURE.md is the newcomer's map (issue 9, item 8): it must not point at files that are
# gone, and every program file must be on it, so a file added without a place on the map fails
# here rather than costing the next reader a search.
. "$(dirname "$0")/lib.sh"
root=$EVSHARE_ROOT
map=$root/ARCHITECTURE.md

check "ARCHITECTURE.md exists" [ -s "$map" ]
# every `folder/file.ext` it names exists
missing=""
for p in $(grep -oE '`[a-z][A-Za-z0-9_./-]*/[A-Za-z0-9_.-]+\.(c|h|sql|cs|hdf|sh|mjs|js|conf|md)`' "$map" | tr -d '`' | sort -u); do
	[ -e "$root/$p" ] || missing="$missing $p"
done
check "every path ARCHITECTURE.md names exists${missing:+ (missing:$missing)}" [ -z "$missing" ]
# every C file of the programs and the shared code is on the map
unmapped=""
for f in "$root"/fcgi/*.c "$root"/ocpp-bridge/*.c "$root"/lib/*.c "$root"/lib/ocpp/*.c "$root"/tools/*.c; do
	[ -e "$f" ] || continue
	grep -q "$(basename "$f")" "$map" || unmapped="$unmapped ${f#$root/}"
done
check "every program .c file is on the map${unmapped:+ (not on it:$unmapped)}" [ -z "$unmapped" ]
finish
