#!/bin/bash
# The same binary answers one request as plain CGI outside FastCGI (DESIGN.md).
. "$(dirname "$0")/lib.sh"
out=$(REQUEST_METHOD=GET REQUEST_URI=/health QUERY_STRING= EVSHARE_LOG_FILE= "$EVSHARE_ROOT/bin/evshare.fcgi" 2>/dev/null </dev/null)
check "CGI mode answers with a Status line" bash -c "echo \"\$0\" | head -1 | grep -q '^Status: 200'" "$out"
check "CGI mode talks to the database" bash -c "echo \"\$0\" | grep -q '\"state\":\"ok\"'" "$out"
out=$(REQUEST_METHOD=GET REQUEST_URI='/api/v1/chargers?bbox=x' QUERY_STRING='bbox=x' EVSHARE_LOG_FILE= "$EVSHARE_ROOT/bin/evshare.fcgi" 2>/dev/null </dev/null)
check "CGI mode validates like FastCGI" bash -c "echo \"\$0\" | head -1 | grep -q '^Status: 400'" "$out"
finish
