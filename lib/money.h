/* money.h - amounts are integer minor units (haléře) with a currency code; never floating point. */
#ifndef EVSHARE_MONEY_H
#define EVSHARE_MONEY_H

#include <stddef.h>

/* "6,90 Kč" (cs, CZK), "CZK 6.90" (en), "-12,00 EUR"... into out; returns out. */
char *money_format(long long minor, const char *currency, const char *lang, char *out, size_t n);

/* Power in W for people: "11 kW", "7,4 kW" (cs) / "7.4 kW" (en), "2,3 kW"; returns out. */
char *power_format(long long watts, const char *lang, char *out, size_t n);

#endif
