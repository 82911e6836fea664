/* test_ocpp_statements.c - the bridge's statement table (ocpp-bridge/statements.c) against what it
 * promises: every Q_ has a unique name and SQL, its $n are 1..N without a gap, N is what its
 * comment documents and what the SQL function it calls takes (its definition in sql/defs/, read
 * here), and a grouped statement's function takes arrays only. Run from the top of the tree
 * (tests/run does), no database. */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>

#include "../../ocpp-bridge/statements.c"
#include "../../ocpp-bridge/util.h"
#include "t.h"

/* the Q_ names as written in statements.c, to find each row's comment there */
#define Q(x) [x] = #x
static const char *const qname[Q__MAX] = {
	Q(Q_BOOT), Q(Q_HEARTBEAT), Q(Q_STATUS), Q(Q_AUTHORIZE), Q(Q_START), Q(Q_STOP), Q(Q_METER),
	Q(Q_DATA_TRANSFER), Q(Q_DIAG_STATUS), Q(Q_FW_STATUS), Q(Q_SECURITY_EVENT), Q(Q_CONNECT),
	Q(Q_DISCONNECT), Q(Q_TOUCH), Q(Q_NODE_ALIVE), Q(Q_SWEEP), Q(Q_CLAIM), Q(Q_CMD_FINISH),
	Q(Q_CMD_RELEASE), Q(Q_CP_ALL), Q(Q_CP_ONE), Q(Q_NODE_STOP), Q(Q_PROBE_ASK),
	Q(Q_PROBE_ANSWER), Q(Q_PROBE_ALIVE),
};

/* A whole file, NUL-terminated (caller frees), or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (s = malloc((size_t)n + 1)) != NULL) {
		s[fread(s, 1, (size_t)n, f)] = '\0';
	}
	if (f)
		fclose(f);
	return s;
}

/* Every .sql file in sql/defs, one after the other. */
static char *
read_defs(void)
{
	DIR *d = opendir("sql/defs");
	struct dirent *e;
	char *all = calloc(1, 1), path[512];
	size_t len = 0;

	if (d == NULL || all == NULL) {
		if (d)
			closedir(d);
		free(all);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *s, *p;

		if (n < 5 || strcmp(e->d_name + n - 4, ".sql") != 0)
			continue;
		snprintf(path, sizeof path, "sql/defs/%s", e->d_name);
		if ((s = slurp(path)) == NULL || (p = realloc(all, len + strlen(s) + 2)) == NULL) {
			free(s);
			continue;
		}
		all = p;
		len += (size_t)sprintf(all + len, "%s\n", s);
		free(s);
	}
	closedir(d);
	return all;
}

/* The highest $n in s up to end (NULL: its end); -1 when some $k below it is never used.
 * "$2..$9" (in a comment) is $2 to $9. */
static int
max_param(const char *s, const char *end)
{
	int used[64] = { 0 }, max = 0;

	for (; *s && (end == NULL || s < end); s++) {
		if (*s == '$' && isdigit((unsigned char)s[1])) {
			char *after;
			int k = (int)strtol(s + 1, &after, 10), to = k;

			if (strncmp(after, "..$", 3) == 0 && isdigit((unsigned char)after[3]))
				to = (int)strtol(after + 3, NULL, 10);
			for (; k > 0 && k <= to && k < 64; k++)
				used[k] = 1;
			max = to > max && to < 64 ? to : max;
		}
	}
	for (int k = 1; k <= max; k++)
		if (!used[k])
			return -1;
	return max;
}

/* The name of the ocpp_ function the statement calls, or "" (a plain SELECT). */
static void
called_function(const char *sql, char *out, size_t outlen)
{
	const char *p = strstr(sql, "ocpp_"), *q = p;

	out[0] = '\0';
	if (p == NULL)
		return;
	while (isalnum((unsigned char)*q) || *q == '_')
		q++;
	if (*q == '(' && (size_t)(q - p) < outlen)
		snprintf(out, outlen, "%.*s", (int)(q - p), p);
}

/* The function's IN arguments in defs: how many (-1: not defined, -2: defined twice) and
 * whether every one is an array. */
static int
function_args(const char *defs, const char *fn, int *all_arrays)
{
	char head[128];
	const char *p, *arg;
	int depth = 1, n = 0, array = 0, out = 0;

	snprintf(head, sizeof head, "FUNCTION %s(", fn);
	if ((p = strstr(defs, head)) == NULL)
		return -1;
	if (strstr(p + 1, head))
		return -2;
	*all_arrays = 1;
	for (arg = p += strlen(head); *p && depth > 0; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if (p == arg && strncmp(p, "OUT ", 4) == 0)
			out = 1;
		if (depth == 1 && *p == '[')
			array = 1;
		if ((depth == 1 && *p == ',') || depth == 0) {
			if (!out && p > arg) {
				n++;
				*all_arrays &= array;
			}
			arg = p + 1;
			while (isspace((unsigned char)*arg))
				arg++;
			array = out = 0;
		}
	}
	return n;
}

static void
test_rows(void)
{
	for (int i = 0; i < Q__MAX; i++) {
		const struct store_stmt *s = &store_stmts[i];
		int good = s->name && *s->name && s->sql && strncmp(s->sql, "SELECT ", 7) == 0;

		T_OK(good, "statement %d (%s) has a name and a SELECT", i, qname[i] ? qname[i] : "?");
		T_OK(qname[i] != NULL, "statement %d is named in this test too", i);
		if (!good)
			continue;
		T_INT(strspn(s->name, "abcdefghijklmnopqrstuvwxyz_"), strlen(s->name),
		    "%s: a plain name", s->name);
		int twin = -1;

		for (int k = 0; k < i; k++)
			if (store_stmts[k].name && strcmp(store_stmts[k].name, s->name) == 0)
				twin = k;
		T_OK(twin < 0, "%s: no other statement has its name (%d)", s->name, twin);
		T_OK(max_param(s->sql, NULL) >= 0, "%s: its $n are 1..N, no gap", s->name);
	}
}

/* The comment above a row documents its parameters: its highest $n is the statement's. */
static void
test_documented(void)
{
	char *src = slurp("ocpp-bridge/statements.c"), key[64];

	T_OK(src != NULL, "ocpp-bridge/statements.c read");
	if (src == NULL)
		return;
	for (int i = 0; i < Q__MAX; i++) {
		const char *row, *doc;

		if (qname[i] == NULL || store_stmts[i].sql == NULL)
			continue;
		snprintf(key, sizeof key, "[%s] = {", qname[i]);
		row = strstr(src, key);
		T_OK(row != NULL, "%s: a row in statements.c", qname[i]);
		if (row == NULL)
			continue;
		/* its comment: from the end of the row before ("},") or the table's start */
		for (doc = row; doc > src + 1 && !(doc[-2] == '}' && doc[-1] == ',') && doc[-1] != '{'; doc--)
			;
		T_INT(max_param(doc, row), max_param(store_stmts[i].sql, NULL),
		    "%s: its comment documents $1..$N as its SQL has them", store_stmts[i].name);
	}
	free(src);
}

/* Each statement calls its function with as many parameters as the function takes; a grouped
 * statement's are arrays (one element per job). */
static void
test_functions(void)
{
	char *defs = read_defs(), fn[64];
	int arrays;

	T_OK(defs != NULL && strstr(defs, "CREATE OR REPLACE FUNCTION"), "sql/defs/*.sql read");
	if (defs == NULL)
		return;
	for (int i = 0; i < Q__MAX; i++) {
		const struct store_stmt *s = &store_stmts[i];
		int n;

		if (s->sql == NULL)
			continue;
		called_function(s->sql, fn, sizeof fn);
		if (!*fn) {
			T_OK(!s->grouped, "%s: a plain SELECT is not grouped", s->name);
			continue;
		}
		n = function_args(defs, fn, &arrays);
		T_OK(n >= 0, "%s: %s is defined once in sql/defs (%d)", s->name, fn, n);
		if (n < 0)
			continue;
		T_INT(max_param(s->sql, NULL), n, "%s: %s takes $1..$%d", s->name, fn, n);
		if (s->grouped)
			T_OK(arrays, "%s (grouped): every argument of %s is an array", s->name, fn);
	}
	free(defs);
}

/* what the grouped rows' callers fill (handlers.c): the grouped rows are these three */
static void
test_grouped(void)
{
	int n = 0;

	for (int i = 0; i < Q__MAX; i++)
		n += store_stmts[i].grouped != 0;
	T_INT(n, 3, "three grouped statements");
	T_OK(store_stmts[Q_HEARTBEAT].grouped && store_stmts[Q_STATUS].grouped &&
	    store_stmts[Q_METER].grouped, "Heartbeat, StatusNotification and MeterValues are grouped");
	T_INT(max_param(store_stmts[Q_METER].sql, NULL), 5 + METER_COLS,
	    "meter: charge point, connector, transaction, energy, power and the METER_COLS lists");
	T_INT(max_param(store_stmts[Q_STATUS].sql, NULL), 8, "status: 8 arrays");
	T_INT(max_param(store_stmts[Q_HEARTBEAT].sql, NULL), 1, "heartbeat: the charge points");
}

/* the test's own helpers must be able to fail */
static void
test_helpers(void)
{
	int arrays;

	T_INT(max_param("SELECT f($1, $3)", NULL), -1, "a gap in $n is seen");
	T_INT(max_param("SELECT f($1, $2, $10, $3, $4, $5, $6, $7, $8, $9)", NULL), 10, "$10 counts as 10");
	T_INT(max_param("$1 a, $2..$9 b, c, $10 d", NULL), 10, "$2..$9 is a range");
	T_INT(function_args("FUNCTION f(a int, OUT b text, c numeric(10,2))", "f", &arrays), 2,
	    "OUT arguments and a type's own commas are not arguments");
	T_OK(!arrays, "... not all arrays");
	T_INT(function_args("FUNCTION f(a int[], b text[], OUT c int)", "f", &arrays), 2, "two arrays");
	T_OK(arrays, "... all arrays");
	T_INT(function_args("FUNCTION f() FUNCTION f()", "f", &arrays), -2, "twice defined is seen");
	T_INT(function_args("FUNCTION g(a int)", "f", &arrays), -1, "undefined is seen");
}

int
main(void)
{
	test_helpers();
	test_rows();
	test_documented();
	test_functions();
	test_grouped();
	return t_done();
}
