#!/bin/sh
# readme-commands.sh [README] - prints every `bin/evshare-admin ...` command of the README's sh
# blocks, one per line, continuation lines joined. The README's operator commands are tested as
# printed: tests/integration/t05-readme.sh (against the test instance) and scripts/test-fresh.sh
# (on a fresh Debian root) both read them from here.
exec awk '
	/^```sh/ { inblock = 1; next }
	/^```/ { inblock = 0; next }
	inblock && (cont || /^bin\/evshare-admin /) {
		line = line (cont ? " " : "") $0
		if (sub(/\\$/, "", line)) { cont = 1; next }
		cont = 0; print line; line = ""
	}' "${1:-README.md}"
