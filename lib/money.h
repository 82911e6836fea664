/* money.h - amounts are integer minor units (haléře) with a currency code; never floating point. */
#ifndef EVSHARE_MONEY_H
#define EVSHARE_MONEY_H

#include <stddef.h>

/* "6,90 Kč" (cs, CZK), "CZK 6.90" (en), "-12,00 EUR"... into out; returns out. */
char *money_format(long long minor, const char *currency, const char *lang, char *out, size_t n);

/* Money in CZK: "6", "6.5", "6,50" (either '.' or ',', then 1 or 2 digits) -> 650 minor units.
 * No sign, no spaces, no thousands separators. Must be <= max_minor. 0 ok, -1 bad (*out
 * untouched). Pure; unit-tested and fuzzed with the web's parsers (test_parse.c, fuzz_parse.c). */
int parse_money(const char *s, long long max_minor, long long *out);

/* Power in W for people: "11 kW", "7,4 kW" (cs) / "7.4 kW" (en), "2,3 kW"; returns out. */
char *power_format(long long watts, const char *lang, char *out, size_t n);

#endif
