/*
 * owner.h - what the owner's pages (owner.c) and the listing form (listing_form.c) share:
 * the person's own listing, looked up the one way both use.
 */
#ifndef EVSHARE_OWNER_H
#define EVSHARE_OWNER_H

#include "evshare.h"

/* r->path_id and the person (r->who.id) as text: the first two parameters of every statement
 * on one's own listing. */
struct own {
	char lid[24], oid[24];
};
void own_ids(struct req *r, struct own *o);
/* Fills o (own_ids) and looks the listing up (S_OWNER_LISTING; never a deleted one): its row
 * (the caller PQclears it), or NULL when the answer is made: db_down(), or the route's
 * not_found() when it is not the person's or does not exist. */
PGresult *own_listing_page(struct req *r, struct own *o);
/* The change of look waiting for moderation of listing lid, into the page as Revision.*
 * (8/4.2). 0, or -1 when the database is down. */
int load_revision(struct req *r, const char *lid);

#endif
