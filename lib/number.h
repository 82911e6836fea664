/* number.h - decimals read as C writes them, whatever the process locale: the web's
 * parse_double (fcgi/parse.c) and the bridge's meter values (ocpp-bridge/util.c) read '.' as
 * the decimal point, and a setlocale() anywhere (a library, a test) must not make "1.5" stop
 * parsing. Thread-safe. */
#ifndef EVSHARE_NUMBER_H
#define EVSHARE_NUMBER_H

/* strtod(s, end) under the "C" LC_NUMERIC locale (this thread's only, for the call), errno as
 * strtod leaves it. Should the "C" locale not be had (newlocale failed: out of memory at the
 * first call), the process locale's strtod. */
double strtod_c(const char *s, char **end);

#endif
