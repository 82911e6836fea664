#!/bin/bash
# A long error message through the real lighttpd is cut where a character ends: a parameter
# name of 300 × é (600 bytes) is a 400 with valid JSON, never a 500 (issue 8, 3.8).
. "$(dirname "$0")/lib.sh"

for pre in "" x xy; do
	name="$pre$(python3 -c "print('%C3%A9' * 300)")"
	http GET "/api/v1/chargers?$name=1"
	check "/api/v1/chargers?${pre}<300 × é>=1 is 400" [ "$status" = 400 ]
	check "with a JSON body that parses" bash -c "python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[\"error\"][\"status\"] == 400 and d[\"error\"][\"message\"].startswith(\"unknown parameter\")' '$tmp/body'"
	http GET "/no-such-page?$name=1"
	check "an HTML page with the same name (${pre}) answers as usual (404)" [ "$status" = 404 ]
done
finish
