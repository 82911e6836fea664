/*
 * mail.c - outgoing e-mail. With config "smtp_url" set (smtp://host:25, smtps://user:pw@host:465)
 * a message goes to that relay through libcurl (STARTTLS when offered); without it, or when the
 * relay fails, it is written as one file into the outbox (config "outbox"), maildir style (tmp/
 * first, then renamed into new/), where a person or a test reads it. Nothing is ever lost
 * silently, and neither the body (it carries tokens) nor the relay's URL is logged.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "evshare.h"

/* A header value as RFC 2047 UTF-8 base64 when it is not plain ASCII. */
static void
header_text(struct buf *b, const char *s)
{
	int ascii = 1;

	for (const char *p = s; *p; p++)
		if ((unsigned char)*p >= 0x80 || (unsigned char)*p < ' ')
			ascii = 0;
	if (ascii) {
		buf_adds(b, s);
		return;
	}
	{
		size_t n = strlen(s), cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
		char *enc = malloc(cap);

		if (enc == NULL)
			return;
		sodium_bin2base64(enc, cap, (const unsigned char *)s, n, sodium_base64_VARIANT_ORIGINAL);
		buf_printf(b, "=?UTF-8?B?%s?=", enc);
		free(enc);
	}
}

struct upload {
	const char *p;
	size_t left;
};

static size_t
upload_cb(char *out, size_t size, size_t nmemb, void *ud)
{
	struct upload *u = ud;
	size_t n = size * nmemb < u->left ? size * nmemb : u->left;

	memcpy(out, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The envelope sender: no-reply@ the host of public_url. */
static void
sender(char *out, size_t n)
{
	const char *pub = config_str("public_url");
	const char *host = strstr(pub, "://") ? strstr(pub, "://") + 3 : pub;

	snprintf(out, n, "<no-reply@%.*s>", (int)strcspn(host, ":/"), host);
}

/* One message through the SMTP relay. 0 sent, -1 logged. */
static int
smtp_send(const char *url, const char *to, const struct buf *m)
{
	CURL *c = curl_easy_init();
	struct curl_slist *rcpt = NULL;
	struct upload u = { m->s, m->len };
	char addr[300], from[300];
	CURLcode rc;

	if (c == NULL)
		return -1;
	snprintf(addr, sizeof addr, "<%s>", to);
	sender(from, sizeof from);
	rcpt = curl_slist_append(NULL, addr);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, upload_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		log_error("mail: the SMTP relay refused or failed: %s (kept in the outbox)", curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

int
mail_send(const char *to, const char *subject, const char *body)
{
	const char *dir = config_str("outbox");
	char tmp[4096], new[4096], name[128], date[64], from[300];
	struct buf m = { 0 };
	time_t now = time(NULL);
	struct tm tm;
	int fd, rc = -1;

	if (strpbrk(to, "\r\n")) {
		log_error("mail: bad recipient");
		return -1;
	}
	snprintf(tmp, sizeof tmp, "%s/tmp", dir);
	snprintf(new, sizeof new, "%s/new", dir);
	mkdir(dir, 0750);
	mkdir(tmp, 0750);
	mkdir(new, 0750);
	snprintf(name, sizeof name, "%lld.%d_%u.evshare", (long long)now, (int)getpid(), randombytes_random());
	snprintf(tmp, sizeof tmp, "%s/tmp/%s", dir, name);
	snprintf(new, sizeof new, "%s/new/%s", dir, name);

	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sender(from, sizeof from);
	buf_printf(&m, "Date: %s\r\nFrom: evshare %s\r\nTo: <%s>\r\nSubject: ", date, from, to);
	header_text(&m, subject);
	buf_adds(&m, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	buf_adds(&m, body);
	buf_adds(&m, "\r\n");
	if (*config_str("smtp_url") && smtp_send(config_str("smtp_url"), to, &m) == 0) {
		log_info("mail sent through the relay");
		rc = 0;
		goto out;
	}

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0640)) < 0) {
		log_error("mail: %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write(fd, m.s, m.len) != (ssize_t)m.len || fsync(fd) != 0) {
		log_error("mail: writing %s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, new) != 0) {
		log_error("mail: %s: %s", new, strerror(errno));
		unlink(tmp);
		goto out;
	}
	log_info("mail queued %s", name);   /* never the body: it carries tokens */
	rc = 0;
out:
	buf_free(&m);
	return rc;
}

int
mail_person(struct req *r, const char *to, const char *lang, const char *subject_key,
    const char *body_key, const char *const *lines)
{
	const char *saved = r->lang;
	struct buf body = { 0 };
	char subject[512];
	int rc;

	/* the recipient's language, not the one of whoever caused the message */
	r->lang = lang && strcmp(lang, "en") == 0 ? "en" : "cs";
	snprintf(subject, sizeof subject, "%s", tr(r, subject_key));
	buf_printf(&body, "%s\r\n", tr(r, body_key));
	for (int i = 0; lines && lines[i]; i++) {
		const char *l = lines[i];

		/* a line naming a key (MAIL_KEY "Mail.Reason") is translated; the others go as they
		 * are (people's text never holds a control character: the parser refuses them) */
		buf_printf(&body, "%s\r\n", *l == *MAIL_KEY ? tr(r, l + 1) : l);
	}
	r->lang = saved;
	rc = mail_send(to, subject, body.s);
	buf_free(&body);
	return rc;
}
