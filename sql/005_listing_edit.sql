-- 005_listing_edit.sql: an owner edits a listing (issue 4). One function so the whole edit is
-- one statement (atomic), and so the weekly windows can be replaced: deleting and inserting them
-- in one plain statement would trip their exclusion constraint. Connectors are not edited here
-- (bookings and OCPP connector numbers hang on them).
-- An edited listing that was published or rejected goes (back) to moderation.
CREATE FUNCTION listing_update(p_id bigint, p_owner bigint, p_title text, p_description text,
	p_address text, p_city text, p_lat double precision, p_lon double precision, p_access text,
	p_auto_accept boolean, p_price bigint, p_idle_fee bigint, p_idle_grace integer,
	p_session_fee bigint, p_days integer[], p_starts integer[], p_ends integer[], p_blocked date[])
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text;
BEGIN
	UPDATE listings
	   SET title = p_title, description = p_description, address = p_address, city = p_city,
	       lat = p_lat, lon = p_lon, access_instructions = p_access, auto_accept = p_auto_accept,
	       state = CASE WHEN state IN ('approved', 'rejected') THEN 'pending' ELSE state END,
	       state_reason = CASE WHEN state = 'rejected' THEN NULL ELSE state_reason END,
	       updated_at = now()
	 WHERE id = p_id AND owner_id = p_owner AND state NOT IN ('deleted', 'suspended')
	RETURNING state INTO st;
	IF NOT FOUND THEN
		RETURN NULL;
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
