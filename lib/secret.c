/* secret.c - see secret.h. */
#include <string.h>
#include <sodium.h>

#include "secret.h"

int
secret_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
secret_token(char out[SECRET_TOKEN_CHARS + 1])
{
	unsigned char raw[SECRET_TOKEN_BYTES];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SECRET_TOKEN_CHARS + 1, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void
secret_token_hash(const char *token, uint8_t out[32])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

void
secret_password(char *out, size_t len)
{
	/* no 0/O, 1/l/I: people copy these from a screen into a wallbox's web UI */
	static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[len] = '\0';
}

int
secret_hash_password(const char *pw, enum pw_kind kind, char out[SECRET_HASH_STR])
{
	unsigned long long ops = kind == PW_PERSON ? crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE
	                                           : crypto_pwhash_argon2id_OPSLIMIT_MIN;
	size_t mem = kind == PW_PERSON ? crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE
	                               : crypto_pwhash_argon2id_MEMLIMIT_MIN;

	return crypto_pwhash_argon2id_str(out, pw, strlen(pw), ops, mem) == 0 ? 0 : -1;
}

int
secret_check_password(const char *hash, const char *pw)
{
	if (hash == NULL || strncmp(hash, "$argon2id$", 10) != 0)
		return 0;
	return crypto_pwhash_argon2id_str_verify(hash, pw, strlen(pw)) == 0;
}

int
secret_equal(const void *a, const void *b, size_t n)
{
	return sodium_memcmp(a, b, n) == 0;
}

void
secret_hex(const uint8_t *in, size_t n, char *out)
{
	sodium_bin2hex(out, 2 * n + 1, in, n);
}
