/*
 * t.h - the whole unit-test harness: a check prints one TAP-style line,
 * "ok - what" or "not ok - what (file:line)", and t_done() sets the exit code.
 * tests/run counts those lines across every suite into "N passed, N failed".
 */
#ifndef EVSHARE_T_H
#define EVSHARE_T_H

#include <stdio.h>
#include <string.h>

static int t_failed;

#define T_OK(cond, ...) do {                                            \
	if (cond) { printf("ok - "); printf(__VA_ARGS__); printf("\n"); }  \
	else { t_failed++; printf("not ok - "); printf(__VA_ARGS__);       \
	       printf(" (%s:%d: %s)\n", __FILE__, __LINE__, #cond); }       \
} while (0)

#define T_STR(got, want, ...) do {                                      \
	const char *t_g_ = (got), *t_w_ = (want);                          \
	int t_eq_ = (t_g_ == NULL && t_w_ == NULL) ||                      \
	            (t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0);             \
	T_OK(t_eq_, __VA_ARGS__);                                          \
	if (!t_eq_) printf("#   got  \"%s\"\n#   want \"%s\"\n",              \
	                   t_g_ ? t_g_ : "(null)", t_w_ ? t_w_ : "(null)"); \
} while (0)

#define T_INT(got, want, ...) do {                                      \
	long long t_g_ = (long long)(got), t_w_ = (long long)(want);       \
	T_OK(t_g_ == t_w_, __VA_ARGS__);                                   \
	if (t_g_ != t_w_) printf("#   got  %lld\n#   want %lld\n", t_g_, t_w_); \
} while (0)

static inline int t_done(void) { return t_failed ? 1 : 0; }

#endif
