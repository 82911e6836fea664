/*
 * frame.h - OCPP-J 1.6 message frames: [2, id, action, {payload}] (CALL),
 * [3, id, {payload}] (CALLRESULT), [4, id, code, description, {details}] (CALLERROR).
 * Pure: parsing and building only, no I/O.
 */
#ifndef OCPP_FRAME_H
#define OCPP_FRAME_H

#include <stddef.h>
#include <jansson.h>

#include "buf.h"
#include "ocpp/ocpp.h"

#define OCPP_ID_MAX 36          /* a unique id is at most 36 characters */

enum frame_kind {
	FRAME_BAD = -1,         /* answer with frame_error(f->id, f->err, f->errmsg) */
	FRAME_IGNORE = 0,       /* unknown message type, or a broken CALLRESULT/CALLERROR: drop */
	FRAME_CALL = 2,
	FRAME_RESULT = 3,
	FRAME_ERROR = 4,
};

struct frame {
	enum frame_kind kind;
	json_t *root;                   /* owned; NULL when the text was not JSON */
	const char *id;                 /* into root, or into idbuf ("-1" when unreadable) */
	const char *action;             /* CALL */
	json_t *payload;                /* CALL, CALLRESULT (borrowed from root) */
	const char *error_code;         /* CALLERROR */
	const char *error_desc;         /* CALLERROR */
	json_t *error_details;          /* CALLERROR, may be NULL */
	int type;                       /* the message type number as sent (0 if unreadable) */
	enum ocpp_error err;            /* FRAME_BAD */
	char errmsg[160];               /* FRAME_BAD, FRAME_IGNORE: why */
	char idbuf[OCPP_ID_MAX + 1];
};

/* Parses len bytes of text (need not be NUL-terminated). Always fills f (call frame_free after)
 * and returns f->kind. */
enum frame_kind frame_parse(const char *text, size_t len, struct frame *f);
void frame_free(struct frame *f);

/* Builders: append the frame as compact JSON to b (so that it can follow the headroom the
 * websocket header needs, in a buffer used again for the next frame), byte for byte as
 * json_dumps(JSON_COMPACT) writes it. A NULL payload or details is sent as {}. 0, or -1 when
 * a string is not valid UTF-8 or out of memory (then b is as it was). */
int frame_call(struct buf *b, const char *id, const char *action, const json_t *payload);
int frame_result(struct buf *b, const char *id, const json_t *payload);
int frame_error(struct buf *b, const char *id, const char *code, const char *desc,
                const json_t *details);

/* 1 if s is a valid unique id (a string of 1..36 characters), else 0. */
int frame_id_ok(const char *s);

#endif
