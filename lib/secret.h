/*
 * secret.h - random tokens, hashes of tokens, and password hashes (libsodium).
 * Call secret_init() once before anything else here.
 */
#ifndef EVSHARE_SECRET_H
#define EVSHARE_SECRET_H

#include <stddef.h>
#include <stdint.h>

#define SECRET_TOKEN_BYTES 32           /* 256-bit session / reset tokens */
#define SECRET_TOKEN_CHARS 43           /* base64url, no padding */
#define SECRET_HASH_STR 128             /* crypto_pwhash_STRBYTES */

enum pw_kind {
	PW_PERSON,   /* people's passwords: argon2id, interactive cost (64 MiB) */
	PW_MACHINE   /* generated high-entropy secrets (charger passwords): argon2id at minimum cost,
	              * because their 100+ bits of entropy, not the cost, is what resists guessing,
	              * and thousands of chargers reconnect at once after an outage */
};

int secret_init(void);  /* 0 ok, -1 if libsodium cannot start */

/* Fills out (SECRET_TOKEN_CHARS + 1 bytes) with a fresh random base64url token. */
void secret_token(char out[SECRET_TOKEN_CHARS + 1]);

/* SHA-256 of a token, what the database stores instead of the token. */
void secret_token_hash(const char *token, uint8_t out[32]);

/* A random password of len characters (16..40) from [A-Za-z0-9] (no look-alikes), NUL-terminated
 * into out (len + 1 bytes). */
void secret_password(char *out, size_t len);

/* argon2id hash string into out (SECRET_HASH_STR bytes). 0 ok, -1 out of memory. */
int secret_hash_password(const char *pw, enum pw_kind kind, char out[SECRET_HASH_STR]);
/* 1 if pw matches the stored hash, 0 otherwise (also for a malformed hash). */
int secret_check_password(const char *hash, const char *pw);

/* Constant-time comparison of two equal-length buffers: 1 equal, 0 not. */
int secret_equal(const void *a, const void *b, size_t n);

/* Lower-case hex of n bytes into out (2n + 1 bytes). */
void secret_hex(const uint8_t *in, size_t n, char *out);

#endif
