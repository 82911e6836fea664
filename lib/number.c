/* number.c - see number.h. */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <stdlib.h>

#include "number.h"

/* made once, kept for the process (glibc hands out a static object for "C") */
static locale_t c_numeric;
static pthread_once_t c_numeric_once = PTHREAD_ONCE_INIT;

static void
c_numeric_init(void)
{
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

double
strtod_c(const char *s, char **end)
{
	locale_t was;
	double v;
	int err;

	pthread_once(&c_numeric_once, c_numeric_init);
	if (c_numeric == (locale_t)0)
		return strtod(s, end);
	was = uselocale(c_numeric);     /* POSIX; strtod_l is a GNU extension */
	v = strtod(s, end);
	err = errno;
	uselocale(was);
	errno = err;
	return v;
}
