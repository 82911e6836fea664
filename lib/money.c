/* money.c - see money.h. Integer arithmetic only. */
#include <stdio.h>
#include <string.h>

#include "money.h"

char *
money_format(long long minor, const char *currency, const char *lang, char *out, size_t n)
{
	int cs = strcmp(lang, "en") != 0;
	unsigned long long a = minor < 0 ? 0ULL - (unsigned long long)minor : (unsigned long long)minor;
	const char *sign = minor < 0 ? "-" : "";

	if (cs)
		snprintf(out, n, "%s%llu,%02llu %s", sign, a / 100, a % 100,
		    strcmp(currency, "CZK") == 0 ? "Kč" : currency);
	else
		snprintf(out, n, "%s%s %llu.%02llu", sign, currency, a / 100, a % 100);
	return out;
}

char *
power_format(long long watts, const char *lang, char *out, size_t n)
{
	long long tenths = (watts + 50) / 100;   /* kW with one decimal, rounded */

	if (tenths % 10 == 0)
		snprintf(out, n, "%lld kW", tenths / 10);
	else
		snprintf(out, n, "%lld%s%lld kW", tenths / 10, strcmp(lang, "en") == 0 ? "." : ",", tenths % 10);
	return out;
}

static int
money_digit(char c)
{
	return c >= '0' && c <= '9';
}

int
parse_money(const char *s, long long max_minor, long long *out)
{
	long long whole = 0, frac = 0;

	if (s == NULL || !money_digit(*s) || max_minor < 0)
		return -1;
	for (; money_digit(*s); s++) {
		whole = whole * 10 + (*s - '0');
		if (whole > max_minor / 100)
			return -1;
	}
	if (*s == '.' || *s == ',') {
		s++;
		if (!money_digit(*s))
			return -1;
		frac = (*s++ - '0') * 10;
		if (money_digit(*s))
			frac += *s++ - '0';
	}
	if (*s != '\0' || frac > max_minor - whole * 100)
		return -1;
	*out = whole * 100 + frac;
	return 0;
}
