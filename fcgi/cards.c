/*
 * cards.c - a driver's RFID cards, a section of the account page (issue 10, item 4):
 *   POST /account/cards              add a card: its UID (an OCPP idTag, CiString20) and a label
 *   POST /account/cards/{id}/block   the card is refused at every charger until unblocked
 *   POST /account/cards/{id}/unblock (not a card an admin blocked)
 *   POST /account/cards/{id}/delete  (not one an admin blocked, nor one a booking names)
 * Verified accounts only. A card that is not the signed-in person's is a 404. The bridge answers
 * Authorize from the same rows (ocpp_id_tag_info, sql/defs/20_ocpp.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evshare.h"

#define CARDS_MAX 10   /* cards per account */

enum { CA_UID, CA_LABEL };
const struct field f_card_add[] = {
	[CA_UID] = { "uid", V_TEXT, F_REQUIRED, 1, 20, NULL },
	[CA_LABEL] = { "label", V_TEXT, F_PLAIN, 0, 80, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* An idTag as a charger sends it: printable ASCII without spaces. */
static int
uid_ok(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s > '~')
			return 0;
	return 1;
}

/* A label is one line of visible text (the parser already refused other control characters). */
static int
label_ok(const char *s)
{
	return strpbrk(s, "\t\r\n") == NULL;
}

/* The account page's card list (account_page calls it). 0, or -1 when the database is down. */
int
cards_page_data(struct req *r)
{
	char id[24];
	const char *p[] = { id };
	PGresult *res;

	snprintf(id, sizeof id, "%lld", r->who.id);
	if ((res = dbq(S_CARD_LIST, 1, p)) == NULL)
		return -1;
	hdf_rows(req_hdf(r), "Cards", res, "Id Uid Label Status ByAdmin Added");
	hdf_setf(req_hdf(r), "CardsMax", "%d", CARDS_MAX);
	hdf_setf(req_hdf(r), "CardsFull", "%d", PQntuples(res) >= CARDS_MAX);
	PQclear(res);
	return 0;
}

int
h_card_add(struct req *r)
{
	char id[24], max[8];
	PGresult *res;

	if (!r->who.verified)
		return redirect(r, "/account?m=need_verify");
	if (r->has[CA_UID] && !uid_ok(r->val[CA_UID].s))
		form_error(r, "uid", "Err.CardUid");
	if (r->has[CA_LABEL] && !label_ok(r->val[CA_LABEL].s))
		form_error(r, "label", "Err.CardLabel");
	if (r->nerr)
		return h_account(r);
	snprintf(id, sizeof id, "%lld", r->who.id);
	snprintf(max, sizeof max, "%d", CARDS_MAX);
	{
		const char *p[] = { id, r->val[CA_UID].s, r->has[CA_LABEL] ? r->val[CA_LABEL].s : "", max };

		if ((res = dbq(S_CARD_ADD, 4, p)) == NULL)
			return db_down(r);
	}
	if (PQgetisnull(res, 0, 1)) {
		/* full, or the UID is taken (by anyone: whose is not said) */
		int full = atoi(PQgetvalue(res, 0, 0)) >= CARDS_MAX;

		PQclear(res);
		form_error(r, "uid", full ? "Err.CardsFull" : "Err.CardTaken");
		return h_account(r);
	}
	PQclear(res);
	return redirect(r, "/account?m=card_added#cards");
}

/* Block (blocked = 1) or unblock one of my cards. */
static int
card_state(struct req *r, int blocked)
{
	char id[24], aid[24];
	const char *p[] = { id, aid, blocked ? "Blocked" : "Accepted" };
	PGresult *res;
	int by_admin, changed;

	if (!r->who.verified)
		return redirect(r, "/account?m=need_verify");
	snprintf(id, sizeof id, "%lld", r->path_id);
	snprintf(aid, sizeof aid, "%lld", r->who.id);
	if ((res = dbq(S_CARD_STATE, 3, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NoCard"));
	}
	by_admin = *PQgetvalue(res, 0, 0) == 't';
	changed = *PQgetvalue(res, 0, 1) == 't';
	PQclear(res);
	if (by_admin && !changed)
		return redirect(r, "/account?m=card_admin#cards");
	return redirect(r, blocked ? "/account?m=card_blocked#cards" : "/account?m=card_unblocked#cards");
}

int
h_card_block(struct req *r)
{
	return card_state(r, 1);
}

int
h_card_unblock(struct req *r)
{
	return card_state(r, 0);
}

int
h_card_delete(struct req *r)
{
	char id[24], aid[24];
	const char *p[] = { id, aid };
	PGresult *res;
	const char *why;

	if (!r->who.verified)
		return redirect(r, "/account?m=need_verify");
	snprintf(id, sizeof id, "%lld", r->path_id);
	snprintf(aid, sizeof aid, "%lld", r->who.id);
	if ((res = dbq(S_CARD_DELETE, 2, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NoCard"));
	}
	why = *PQgetvalue(res, 0, 1) == 't' ? "/account?m=card_deleted#cards" :
	    *PQgetvalue(res, 0, 0) == 't' ? "/account?m=card_admin#cards" : "/account?m=card_booked#cards";
	PQclear(res);
	return redirect(r, why);
}

/* ---------------------------------------------------------------- an admin's view (R_ADMIN)
 *   GET /admin/accounts/{id}/cards   one person's cards, each with block / unblock and a reason
 *   POST /admin/cards/{id}           block or unblock (audit: card.block, card.unblock); a card an
 *                                    admin blocked says so to its driver, who cannot unblock it */
static const char *const card_actions[] = { "block", "unblock", NULL };

enum { AC_ACTION, AC_REASON };
const struct field f_admin_card_act[] = {
	[AC_ACTION] = { "action", V_CHOICE, F_REQUIRED, 0, 0, card_actions },
	[AC_REASON] = { "reason", V_TEXT, F_PLAIN, 0, 1000, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct flash admin_card_flash[] = {
	{ "done", "Flash.admin_done", "success" },
	{ NULL, NULL, NULL }
};

static int
admin_cards_page(struct req *r, long long account)
{
	char id[24];
	const char *p[] = { id };
	PGresult *res;
	HDF *h = req_hdf(r);

	snprintf(id, sizeof id, "%lld", account);
	if ((res = dbq(S_ADMIN_CARD_ACCOUNT, 1, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
	}
	hdf_set_value(h, "Person.Id", id);
	hdf_set_value(h, "Person.Email", PQgetvalue(res, 0, 0));
	hdf_set_value(h, "Person.Name", PQgetvalue(res, 0, 1));
	PQclear(res);
	if ((res = dbq(S_CARD_LIST, 1, p)) == NULL)
		return db_down(r);
	hdf_rows(h, "Cards", res, "Id Uid Label Status ByAdmin Added");
	PQclear(res);
	flash(r, admin_card_flash);
	hdf_set_value(h, "Page.Title", tr(r, "Cards.AdminTitle"));
	hdf_set_value(h, "Page.Class", "page-admin");
	hdf_set_value(h, "Admin.Tab", "accounts");
	return page(r, "admin_cards.cs");
}

int
h_admin_cards(struct req *r)
{
	return admin_cards_page(r, r->path_id);
}

int
h_admin_card_act(struct req *r)
{
	char id[24], to[80];
	int block = r->has[AC_ACTION] && strcmp(r->val[AC_ACTION].s, "block") == 0;
	const char *p[] = { id, block ? "true" : "false" };
	const char *reason = r->has[AC_REASON] ? r->val[AC_REASON].s : "";
	PGresult *res;
	long long account;

	snprintf(id, sizeof id, "%lld", r->path_id);
	if ((res = dbq(S_ADMIN_CARD_OWNER, 1, p)) == NULL)
		return db_down(r);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return fail(r, 404, NULL, "%s", tr(r, "Error.NotFound"));
	}
	account = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (r->nerr == 0 && block && *reason == '\0')
		form_error(r, "reason", "Err.Required");
	if (r->nerr) {
		hdf_set_value(req_hdf(r), "FormFailed", "1");
		return admin_cards_page(r, account);
	}
	if ((res = dbq(S_ADMIN_CARD_STATE, 2, p)) == NULL)
		return db_down(r);
	PQclear(res);
	audit(r, block ? "card.block" : "card.unblock", "card", r->path_id, *reason ? reason : NULL);
	snprintf(to, sizeof to, "/admin/accounts/%lld/cards?m=done", account);
	return redirect(r, to);
}
