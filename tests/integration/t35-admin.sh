#!/bin/bash
# bin/evshare-admin: usage, errors with messages and non-zero exits, and what each command does.
. "$(dirname "$0")/lib.sh"
adm=$EVSHARE_ROOT/bin/evshare-admin

out=$("$adm" 2>&1); rc=$?
check "no arguments: usage on stderr, exit 2" [ $rc = 2 -a -n "$(echo "$out" | grep 'usage: evshare-admin')" ]
out=$("$adm" frobnicate 2>&1); rc=$?
check "unknown command: says so, exit 2" bash -c "[ $rc = 2 ] && echo \"\$0\" | grep -q \"unknown command 'frobnicate'\"" "$out"
out=$("$adm" --help); rc=$?
check "--help lists every command" bash -c "[ $rc = 0 ] && for c in migrate create-admin add-charger list-chargers command; do echo \"\$0\" | grep -q \"  \$c\" || exit 1; done" "$out"

out=$("$adm" migrate); rc=$?
check "migrate again: nothing to apply" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -q '0 applied'" "$out"
check "each migration recorded once" [ "$(sql "SELECT count(*) = count(DISTINCT version) AND count(*) >= 2 FROM schema_migrations")" = t ]

id=ADM-$$-$RANDOM
out=$("$adm" add-charger --owner owner@evshare.test --identity "$id" --title "Admin test" --address "Testovací 1, Praha" --lat 50.1 --lon 14.4 2>&1); rc=$?
pw=$(echo "$out" | sed -n 's/^password: *//p')
check "add-charger prints a 16-40 character password" [ $rc = 0 -a ${#pw} -ge 16 -a ${#pw} -le 40 ]
check "add-charger prints the OCPP URL" bash -c "echo \"\$0\" | grep -q '^ocpp url: ws://.*/ocpp/$id'" "$out"
check "only a hash is stored" [ "$(sql "SELECT password_hash LIKE '\$argon2id\$%' AND password_hash <> '$pw' FROM charge_points WHERE identity = '$id'")" = t ]
check "the listing is approved with a connector and a tariff" [ "$(sql "SELECT l.state || '/' || count(c.*) || '/' || t.price_per_kwh FROM charge_points cp JOIN listings l ON l.id = cp.listing_id JOIN connectors c ON c.listing_id = l.id JOIN tariffs t ON t.listing_id = l.id WHERE cp.identity = '$id' GROUP BY l.state, t.price_per_kwh")" = approved/1/690 ]
out=$("$adm" add-charger --owner owner@evshare.test --identity "$id" 2>&1); rc=$?
check "the same identity twice: refused with a message" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'already exists'" "$out"
out=$("$adm" add-charger --owner owner@evshare.test --identity 'bad id!' 2>&1); rc=$?
check "a bad identity: refused with a message" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'must be 1-48 characters'" "$out"
out=$("$adm" add-charger --owner nobody@evshare.test --identity "X-$id" 2>&1); rc=$?
check "an unknown owner: refused, nothing stored" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'no active account' && [ -z \"\$(psql -X -tAc \"SELECT 1 FROM charge_points WHERE identity = 'X-$id'\")\" ]" "$out"
out=$("$adm" add-charger --owner owner@evshare.test --identity "Y-$id" --title T 2>&1); rc=$?
check "a listing without coordinates: refused" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'needs --lat and --lon'" "$out"
out=$("$adm" add-charger --owner owner@evshare.test --identity "Z-$id" --title "Off map" --address "Nowhere 1" --lat 95 --lon 14 2>&1); rc=$?
check "an impossible latitude: refused by the database, nothing stored" [ $rc = 1 -a -z "$(sql "SELECT 1 FROM charge_points WHERE identity = 'Z-$id'")" ]
out=$("$adm" add-charger --owner owner@evshare.test --identity "P-$id" --title "Priced" --address "Cenová 1, Praha" --lat 50.1 --lon 14.4 --price 7,5 2>&1); rc=$?
check "--price 7,5: stored as 750 haléře" [ $rc = 0 -a "$(sql "SELECT t.price_per_kwh FROM charge_points cp JOIN tariffs t ON t.listing_id = cp.listing_id WHERE cp.identity = 'P-$id'")" = 750 ]
out=$("$adm" add-charger --owner owner@evshare.test --identity "Q-$id" --title "Priced" --address "Cenová 1, Praha" --lat 50.1 --lon 14.4 --price 6.999 2>&1); rc=$?
check "--price with three decimals: refused, nothing stored" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q -- '--price must be CZK' && [ -z \"\$(psql -X -tAc \"SELECT 1 FROM charge_points WHERE identity = 'Q-$id'\")\" ]" "$out"
out=$("$adm" list-chargers); rc=$?
check "list-chargers shows the new charger" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -q '^$id '" "$out"

email=admin-$$-$RANDOM@evshare.test
out=$("$adm" create-admin "$email"); rc=$?
check "create-admin creates the account with a password" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -q '^password: '" "$out"
check "and it is an admin, in the audit log" [ "$(sql "SELECT a.is_admin AND EXISTS (SELECT 1 FROM audit_log WHERE action = 'account.grant_admin' AND target_id = a.id) FROM accounts a WHERE email = '$email'")" = t ]
out=$("$adm" create-admin "$email"); rc=$?
check "create-admin on an existing account just grants" bash -c "[ $rc = 0 ] && echo \"\$0\" | grep -q 'is now an admin'" "$out"
out=$("$adm" create-admin not-an-email 2>&1); rc=$?
check "create-admin with a bad address: refused" [ $rc = 1 ]
out=$(EVSHARE_DATABASE="host=/nonexistent dbname=x" "$adm" list-chargers 2>&1); rc=$?
check "no database: a clear message, exit 1" bash -c "[ $rc = 1 ] && echo \"\$0\" | grep -q 'cannot connect to the database'" "$out"
finish
