/* identity.c - the charge point identity rule; see ocpp.h. */
#include "ocpp.h"

static int
identity_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '_' || c == '-';
}

int
identity_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n]; n++)
		if (n == IDENTITY_MAX || !identity_char((unsigned char)s[n]))
			return 0;
	return n >= 1;
}
