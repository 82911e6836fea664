/*
 * rawlog.h - the raw conversation (ocpp_messages), kept out of the store's rounds (rawlog.c):
 * the loop makes each frame a line of COPY text and queues it; a writer thread with its own
 * connection COPYs what is queued every LOG_FLUSH_MS, so that it never lengthens the commits
 * the chargers wait for. While the database is away the lines wait (up to LOG_MAX; beyond that
 * new ones are dropped). On kill -9 the last quarter second of it can be lost; the data cannot.
 */
#ifndef OCPP_RAWLOG_H
#define OCPP_RAWLOG_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Records a frame of the raw conversation (text is the whole frame as sent or received, valid
 * JSON) in ocpp_messages. action NULL: taken from the frame. Loop thread only (as the three
 * below). */
void store_log(int64_t cp_id, const char *dir, const char *action, const char *text, size_t len);
/* A CALL and its answer are one row (half the rows of logging both). store_log_call keeps the
 * CALL's part of the row in *call (the caller's, empty while no CALL waits); the answer
 * completes and records it (with nothing kept in *call, the answer is a row of its own);
 * store_log_unanswered records a kept CALL that will not be answered (the connection went). */
void store_log_call(struct buf *call, int64_t cp_id, const char *dir, const char *text, size_t len);
void store_log_answer(struct buf *call, int64_t cp_id, const char *dir, const char *action,
                      const char *text, size_t len);
void store_log_unanswered(struct buf *call);

/* For store.c, on the loop thread: the writer starts after the workers and stops after them
 * (the answers their last jobs gave are logged too), writing what is left. 0 or -1 (err). */
int rawlog_start(char *err, size_t errlen);
void rawlog_stop(void);
/* 1 while lines wait for the writer, for the shutdown wait */
int rawlog_busy(void);

#endif
