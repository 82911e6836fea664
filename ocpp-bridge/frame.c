/* frame.c - see frame.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"

int
frame_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 1 && n <= OCPP_ID_MAX;
}

/* From text that is not a valid frame, the message type and unique id if they can be read
 * ("[2, \"abc\"" at the start), so that an error can still name the message it answers. */
static void
salvage(const char *t, size_t len, struct frame *f)
{
	size_t i = 0, j;
	int type = 0;

	while (i < len && isspace((unsigned char)t[i]))
		i++;
	if (i >= len || t[i++] != '[')
		return;
	while (i < len && isspace((unsigned char)t[i]))
		i++;
	if (i >= len || !isdigit((unsigned char)t[i]))
		return;
	while (i < len && isdigit((unsigned char)t[i]) && type < 1000)
		type = type * 10 + (t[i++] - '0');
	f->type = type;
	while (i < len && isspace((unsigned char)t[i]))
		i++;
	if (i >= len || t[i++] != ',')
		return;
	while (i < len && isspace((unsigned char)t[i]))
		i++;
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

static char *
dump(json_t *a)
{
	char *s = a ? json_dumps(a, JSON_COMPACT) : NULL;

	json_decref(a);
	return s;
}

static json_t *
obj_or_empty(const json_t *o)
{
	return o ? json_incref((json_t *)o) : json_object();
}

char *
frame_call(const char *id, const char *action, const json_t *payload)
{
	return dump(json_pack("[i,s,s,o]", 2, id, action, obj_or_empty(payload)));
}

char *
frame_result(const char *id, const json_t *payload)
{
	return dump(json_pack("[i,s,o]", 3, id, obj_or_empty(payload)));
}

char *
frame_error(const char *id, const char *code, const char *desc, const json_t *details)
{
	return dump(json_pack("[i,s,s,s,o]", 4, id, code, desc ? desc : "", obj_or_empty(details)));
}
