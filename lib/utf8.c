/* utf8.c - see utf8.h. */
#include <string.h>

#include "utf8.h"

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;
	unsigned cp;

	while (i < len) {
		if (s[i] < 0x80)
			i++;
		else if ((n = utf8_char(s + i, len - i, &cp)) > 0)
			i += n;
		else
			return 0;
	}
	return 1;
}

size_t
utf8_prefix(const char *str, size_t max)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = strnlen(str, max), lead = len, need;

	/* back over at most three continuation bytes to the lead byte of the last character */
	while (lead > 0 && len - lead < 4 && (s[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0 || (s[lead - 1] & 0xC0) == 0x80)
		return len;                     /* no lead byte in reach: not ours to judge */
	lead--;
	if (s[lead] < 0x80)
		need = 1;
	else if (s[lead] >= 0xF0)
		need = 4;
	else if (s[lead] >= 0xE0)
		need = 3;
	else
		need = 2;
	return len - lead < need ? lead : len;
}
