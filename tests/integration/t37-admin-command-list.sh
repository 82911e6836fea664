#!/bin/bash
# The commands for chargers are one list: evshare-admin command offers lib/ocpp's actions with
# .command (lib/ocpp/actions.c), and ocpp_commands.action's CHECK (sql/001_core.sql) accepts
# exactly those. An action added to or dropped from either side alone fails here.
. "$(dirname "$0")/lib.sh"

adm=$EVSHARE_ROOT/bin/evshare-admin

# the tool's list: its usage's "actions:" line
"$adm" command >"$tmp/usage" 2>&1
tool=$(sed -n 's/^actions://p' "$tmp/usage" | tr ' ' '\n' | sed '/^$/d' | sort)
# the database's: the quoted names in the CHECK, as PostgreSQL has it now
def=$(sql "SELECT pg_get_constraintdef(oid) FROM pg_constraint
	WHERE conrelid = 'ocpp_commands'::regclass AND conname = 'ocpp_commands_action_check'")
db=$(echo "$def" | grep -o "'[A-Za-z]*'" | tr -d "'" | sort)

check "evshare-admin command lists its actions" [ -n "$tool" ]
check "ocpp_commands has its CHECK on action (ocpp_commands_action_check)" [ -n "$db" ]
if [ -n "$tool" ] && [ "$tool" = "$db" ]; then
	ok "the tool's $(echo "$tool" | wc -l) commands are exactly those ocpp_commands accepts"
else
	nok "the tool's commands and ocpp_commands' CHECK differ (< tool, > database):"
	diff <(echo "$tool") <(echo "$db") | grep '^[<>]' | sed 's/^/# /'
fi
# and the tool refuses what is not in it, before the database would
"$adm" command CP-X GetLog '{}' >"$tmp/out" 2>&1
rc=$?
check "a known action that is not a command (GetLog) is refused with the usage, exit 2" \
	bash -c "[ $rc = 2 ] && grep -q 'not an action the central system sends' '$tmp/out'"
finish
