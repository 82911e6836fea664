/*
 * pages.c - the pages every footer links (issue 8/4.9): GET /terms, /privacy, /contact.
 * Plain text written for people, one template per language (info_NAME_LANG.cs); the
 * operator's address for e-mail comes from public_url.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "evshare.h"

/* The host of public_url ("evshare.cz" from "https://evshare.cz/"), into out. */
static void
public_host(char *out, size_t n)
{
	const char *pub = config_str("public_url");
	const char *host = strstr(pub, "://") ? strstr(pub, "://") + 3 : pub;

	snprintf(out, n, "%.*s", (int)strcspn(host, "/:"), host);
}

static int
info_page(struct req *r, const char *name, const char *title_key)
{
	char tpl[64], host[256];
	HDF *h = req_hdf(r);

	public_host(host, sizeof host);
	hdf_set_value(h, "Info.Host", host);
	hdf_set_value(h, "Info.PublicUrl", config_str("public_url"));
	/* the platform fee in per cent, as the terms state it ("10", "7,5", "7,05") */
	{
		long long bp = config_int("platform_fee_bp");
		char pct[32];
		size_t n;

		snprintf(pct, sizeof pct, "%lld%s%02lld", bp / 100, strcmp(r->lang, "en") == 0 ? "." : ",", bp % 100);
		for (n = strlen(pct); pct[n - 1] == '0'; n--)
			pct[n - 1] = '\0';
		if (pct[n - 1] == '.' || pct[n - 1] == ',')
			pct[n - 1] = '\0';
		hdf_set_value(h, "Info.FeePercent", pct);
	}
	hdf_set_value(h, "Page.Title", tr(r, title_key));
	hdf_set_value(h, "Page.Class", "page-info");
	snprintf(tpl, sizeof tpl, "info_%s_%s.cs", name, strcmp(r->lang, "en") == 0 ? "en" : "cs");
	return page(r, tpl);
}

int
h_terms(struct req *r)
{
	return info_page(r, "terms", "Footer.Terms");
}

int
h_privacy(struct req *r)
{
	return info_page(r, "privacy", "Footer.Privacy");
}

int
h_contact(struct req *r)
{
	return info_page(r, "contact", "Footer.Contact");
}
