-- defs/50_listings.sql: an owner's edit of a listing and an admin's decision on it (tables:
-- 001, 016 listing_revisions).
-- Re-applied after every migrate (see sql/README.md): the current definition, idempotent.

-- An owner edits a listing. One function so the whole edit is one statement (atomic), and so
-- the weekly windows can be replaced: deleting and inserting them in one plain statement would
-- trip their exclusion constraint. Connectors are not edited here (bookings and OCPP connector
-- numbers hang on them).
-- Returns the listing's state afterwards, 'revision' when a
-- change of the look now waits for moderation while the approved version stays public, or NULL
-- when the listing is not the owner's (or cannot be edited).
CREATE OR REPLACE FUNCTION listing_update(p_id bigint, p_owner bigint, p_title text, p_description text,
	p_address text, p_city text, p_lat double precision, p_lon double precision, p_access text,
	p_auto_accept boolean, p_price bigint, p_idle_fee bigint, p_idle_grace integer,
	p_session_fee bigint, p_days integer[], p_starts integer[], p_ends integer[], p_blocked date[])
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	l listings%ROWTYPE;
	looks_same boolean;
	st text;
BEGIN
	SELECT * INTO l FROM listings
	 WHERE id = p_id AND owner_id = p_owner AND state NOT IN ('deleted', 'suspended') FOR UPDATE;
	IF NOT FOUND THEN
		RETURN NULL;
	END IF;
	-- (the form carries the pin with 7 decimals, about a centimetre: closer is the same place)
	looks_same := l.title = p_title AND l.description = p_description AND l.address = p_address
		AND l.city = p_city AND abs(l.lat - p_lat) < 0.0000006 AND abs(l.lon - p_lon) < 0.0000006;
	IF l.state IN ('approved', 'paused') THEN
		-- published before: the public keeps the approved look; a new look waits
		IF looks_same THEN
			DELETE FROM listing_revisions WHERE listing_id = p_id;
			st := l.state;
		ELSE
			INSERT INTO listing_revisions AS r (listing_id, title, description, address, city, lat, lon)
			VALUES (p_id, p_title, p_description, p_address, p_city, p_lat, p_lon)
			ON CONFLICT (listing_id) DO UPDATE
			   SET title = EXCLUDED.title, description = EXCLUDED.description, address = EXCLUDED.address,
			       city = EXCLUDED.city, lat = EXCLUDED.lat, lon = EXCLUDED.lon, state = 'pending',
			       state_reason = NULL, created_at = now();
			st := 'revision';
		END IF;
		UPDATE listings SET access_instructions = p_access, auto_accept = p_auto_accept, updated_at = now()
		 WHERE id = p_id;
	ELSE
		-- never published (draft, pending, rejected): the listing itself is what moderation sees;
		-- a rejected one goes back to moderation only when its look changed
		DELETE FROM listing_revisions WHERE listing_id = p_id;
		UPDATE listings
		   SET title = p_title, description = p_description, address = p_address, city = p_city,
		       lat = p_lat, lon = p_lon, access_instructions = p_access, auto_accept = p_auto_accept,
		       state = CASE WHEN state = 'rejected' AND NOT looks_same THEN 'pending' ELSE state END,
		       state_reason = CASE WHEN state = 'rejected' AND NOT looks_same THEN NULL ELSE state_reason END,
		       updated_at = now()
		 WHERE id = p_id
		RETURNING state INTO st;
	END IF;
	UPDATE tariffs SET price_per_kwh = p_price, idle_fee_per_min = p_idle_fee,
	       idle_grace_min = p_idle_grace, session_fee = p_session_fee, updated_at = now()
	 WHERE listing_id = p_id;
	DELETE FROM availability_windows WHERE listing_id = p_id;
	INSERT INTO availability_windows (listing_id, weekday, start_min, end_min)
	SELECT p_id, x.d, x.s, x.e FROM unnest(p_days, p_starts, p_ends) AS x (d, s, e);
	DELETE FROM blocked_dates WHERE listing_id = p_id;
	INSERT INTO blocked_dates (listing_id, day) SELECT DISTINCT p_id, x FROM unnest(p_blocked) AS x;
	RETURN st;
END $$;

-- An admin's decision on a listing (what S_ADMIN_LISTING_STATE did, plus revisions): approving
-- or rejecting a published listing that has a pending revision decides the revision (approve:
-- the new look becomes the public one; reject: the old one stays, the owner sees the reason);
-- otherwise the state moves from one of p_from to p_to. Returns the listing's id when something
-- changed, else no row.
CREATE OR REPLACE FUNCTION listing_moderate(p_id bigint, p_to text, p_reason text, p_from text[])
RETURNS SETOF bigint LANGUAGE plpgsql AS $$
DECLARE
	rv listing_revisions%ROWTYPE;
BEGIN
	IF p_to IN ('approved', 'rejected') AND 'pending' = ANY (p_from) THEN
		SELECT r.* INTO rv FROM listing_revisions r JOIN listings l ON l.id = r.listing_id
		 WHERE r.listing_id = p_id AND r.state = 'pending' AND l.state IN ('approved', 'paused')
		   FOR UPDATE OF r;
		IF FOUND THEN
			IF p_to = 'approved' THEN
				UPDATE listings SET title = rv.title, description = rv.description, address = rv.address,
				       city = rv.city, lat = rv.lat, lon = rv.lon, updated_at = now()
				 WHERE id = p_id;
				DELETE FROM listing_revisions WHERE listing_id = p_id;
			ELSE
				UPDATE listing_revisions SET state = 'rejected', state_reason = p_reason
				 WHERE listing_id = p_id;
			END IF;
			RETURN NEXT p_id;
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	UPDATE listings SET state = p_to, state_reason = p_reason, updated_at = now(),
	       approved_at = CASE WHEN p_to = 'approved' THEN coalesce(approved_at, now()) ELSE approved_at END
	 WHERE id = p_id AND state = ANY (p_from) RETURNING id;
END $$;
