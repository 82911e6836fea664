/* frame.c - see frame.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "utf8.h"

int
frame_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 1 && n <= OCPP_ID_MAX;
}

/* i past the white space at t[i..len) */
static size_t
skip_space(const char *t, size_t i, size_t len)
{
	while (i < len && isspace((unsigned char)t[i]))
		i++;
	return i;
}

/* From text that is not a valid frame, the message type and unique id if they can be read
 * ("[2, \"abc\"" at the start), so that an error can still name the message it answers. */
static void
salvage(const char *t, size_t len, struct frame *f)
{
	size_t i, j;
	int type = 0;

	i = skip_space(t, 0, len);
	if (i >= len || t[i++] != '[')
		return;
	i = skip_space(t, i, len);
	if (i >= len || !isdigit((unsigned char)t[i]))
		return;
	while (i < len && isdigit((unsigned char)t[i]) && type < 1000)
		type = type * 10 + (t[i++] - '0');
	f->type = type;
	i = skip_space(t, i, len);
	if (i >= len || t[i++] != ',')
		return;
	i = skip_space(t, i, len);
	if (i >= len || t[i++] != '"')
		return;
	for (j = i; j < len && t[j] != '"' && t[j] != '\\' && (unsigned char)t[j] >= 0x20; j++)
		if (j - i > OCPP_ID_MAX)
			return;
	if (j >= len || t[j] != '"' || j == i || j - i > OCPP_ID_MAX)
		return;
	memcpy(f->idbuf, t + i, j - i);
	f->idbuf[j - i] = '\0';
	f->id = f->idbuf;
}

static enum frame_kind
bad(struct frame *f, enum ocpp_error e, const char *msg)
{
	f->kind = f->type == FRAME_CALL || f->type == 0 ? FRAME_BAD : FRAME_IGNORE;
	f->err = e;
	snprintf(f->errmsg, sizeof f->errmsg, "%s", msg);
	return f->kind;
}

enum frame_kind
frame_parse(const char *text, size_t len, struct frame *f)
{
	json_error_t jerr;
	json_t *t;
	size_t n;

	memset(f, 0, sizeof *f);
	strcpy(f->idbuf, "-1");
	f->id = f->idbuf;
	f->root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (f->root == NULL) {
		salvage(text, len, f);
		return bad(f, OCPP_FORMATION_VIOLATION, "the message is not valid JSON");
	}
	if (!json_is_array(f->root) || (n = json_array_size(f->root)) == 0)
		return bad(f, OCPP_FORMATION_VIOLATION, "the message must be a JSON array");
	t = json_array_get(f->root, 0);
	if (!json_is_integer(t)) {
		if (json_is_string(json_array_get(f->root, 1)) &&
		    json_string_length(json_array_get(f->root, 1)) <= OCPP_ID_MAX)
			f->id = json_string_value(json_array_get(f->root, 1));
		return bad(f, OCPP_FORMATION_VIOLATION, "the message type must be a number");
	}
	json_int_t ty = json_integer_value(t);
	f->type = ty >= 2 && ty <= 4 ? (int)ty : -1;
	if (f->type < 0) {
		f->kind = FRAME_IGNORE;
		snprintf(f->errmsg, sizeof f->errmsg, "unknown message type %lld", (long long)ty);
		return f->kind;
	}
	if (n < 2 || !json_is_string(json_array_get(f->root, 1)))
		return bad(f, OCPP_FORMATION_VIOLATION, "the unique id must be a string");
	f->id = json_string_value(json_array_get(f->root, 1));
	if (json_string_length(json_array_get(f->root, 1)) != strlen(f->id) || !frame_id_ok(f->id))
		return bad(f, OCPP_FORMATION_VIOLATION, "the unique id must be 1 to 36 characters");

	switch (f->type) {
	case FRAME_CALL:
		if (n < 4)
			return bad(f, OCPP_PROTOCOL_ERROR, "a CALL needs an action and a payload");
		if (n > 4)
			return bad(f, OCPP_FORMATION_VIOLATION, "a CALL has exactly 4 elements");
		if (!json_is_string(json_array_get(f->root, 2)))
			return bad(f, OCPP_FORMATION_VIOLATION, "the action must be a string");
		f->action = json_string_value(json_array_get(f->root, 2));
		f->payload = json_array_get(f->root, 3);
		if (!json_is_object(f->payload))
			return bad(f, OCPP_FORMATION_VIOLATION, "the payload must be a JSON object");
		return f->kind = FRAME_CALL;
	case FRAME_RESULT:
		if (n != 3 || !json_is_object(json_array_get(f->root, 2)))
			return bad(f, OCPP_FORMATION_VIOLATION, "a CALLRESULT is [3, id, {payload}]");
		f->payload = json_array_get(f->root, 2);
		return f->kind = FRAME_RESULT;
	default:
		if (n < 4 || n > 5 || !json_is_string(json_array_get(f->root, 2)) ||
		    !json_is_string(json_array_get(f->root, 3)))
			return bad(f, OCPP_FORMATION_VIOLATION,
			    "a CALLERROR is [4, id, code, description, {details}]");
		f->error_code = json_string_value(json_array_get(f->root, 2));
		f->error_desc = json_string_value(json_array_get(f->root, 3));
		f->error_details = n == 5 ? json_array_get(f->root, 4) : NULL;
		return f->kind = FRAME_ERROR;
	}
}

void
frame_free(struct frame *f)
{
	json_decref(f->root);
	f->root = NULL;
}

/* Appends s as a JSON string literal, escaped as jansson's compact dump escapes it (so that a
 * frame reads the same whichever way it was built); -1 if s is not valid UTF-8 (as jansson
 * refuses it) or out of memory. */
static int
add_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	int rc = buf_add(b, "\"", 1);

	for (run = p; *p && rc == 0; ) {
		unsigned c = *p, cp;
		size_t n;
		char esc[8];

		if (c >= 0x80) {
			/* a NUL-terminated string: utf8_char reads no further than its NUL */
			if ((n = utf8_char(p, 4, &cp)) == 0)
				return -1;
			p += n;
			continue;
		}
		if (c != '"' && c != '\\' && c >= 0x20) {
			p++;
			continue;
		}
		rc |= buf_add(b, (const char *)run, (size_t)(p - run));
		switch (c) {
		case '"': rc |= buf_add(b, "\\\"", 2); break;
		case '\\': rc |= buf_add(b, "\\\\", 2); break;
		case '\b': rc |= buf_add(b, "\\b", 2); break;
		case '\f': rc |= buf_add(b, "\\f", 2); break;
		case '\n': rc |= buf_add(b, "\\n", 2); break;
		case '\r': rc |= buf_add(b, "\\r", 2); break;
		case '\t': rc |= buf_add(b, "\\t", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = "0123456789ABCDEF"[c >> 4];
			esc[5] = "0123456789ABCDEF"[c & 15];
			rc |= buf_add(b, esc, 6);
		}
		run = ++p;
	}
	rc |= buf_add(b, (const char *)run, (size_t)(p - run));
	return rc | buf_add(b, "\"", 1);
}

static int
add_to_buf(const char *text, size_t n, void *b)
{
	return buf_add(b, text, n);
}

/* o compact, or {} for NULL */
static int
add_obj(struct buf *b, const json_t *o)
{
	return o ? json_dump_callback(o, add_to_buf, b, JSON_COMPACT) : buf_add(b, "{}", 2);
}

/* On failure the text is cut back to where it was: the caller sends nothing. */
static int
done(struct buf *b, size_t mark, int rc)
{
	if (rc == 0)
		rc = buf_add(b, "]", 1);
	if (rc) {
		b->len = mark;
		if (b->s)
			b->s[mark] = '\0';
	}
	return rc;
}

int
frame_call(struct buf *b, const char *id, const char *action, const json_t *payload)
{
	size_t mark = b->len;

	return done(b, mark, buf_add(b, "[2,", 3) || add_str(b, id) || buf_add(b, ",", 1) ||
	    add_str(b, action) || buf_add(b, ",", 1) || add_obj(b, payload) ? -1 : 0);
}

int
frame_result(struct buf *b, const char *id, const json_t *payload)
{
	size_t mark = b->len;

	return done(b, mark, buf_add(b, "[3,", 3) || add_str(b, id) || buf_add(b, ",", 1) ||
	    add_obj(b, payload) ? -1 : 0);
}

int
frame_error(struct buf *b, const char *id, const char *code, const char *desc, const json_t *details)
{
	size_t mark = b->len;

	return done(b, mark, buf_add(b, "[4,", 3) || add_str(b, id) || buf_add(b, ",", 1) ||
	    add_str(b, code) || buf_add(b, ",", 1) || add_str(b, desc ? desc : "") ||
	    buf_add(b, ",", 1) || add_obj(b, details) ? -1 : 0);
}
