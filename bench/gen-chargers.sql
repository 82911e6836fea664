-- bench/gen-chargers.sql - 100,000 approved chargers (plus 3,000 in other states) for
-- `make bench-web`, generated in SQL. Loaded by bench/web.sh into its own instance
-- (var/bench-web) after the migrations, as superuser, into an empty database:
--   psql -v ON_ERROR_STOP=1 -f bench/gen-chargers.sql
--
-- Deterministic: every "random" number is a hash of (row number, salt) through
-- hashint8extended, so the same rows come out whatever plan or order PostgreSQL picks. Only
-- the times move: they are relative to now(), as in sql/demo.sql.
--
-- Where: 70 % around 86 Czech towns, each town's share weighted by its population and spread
-- as a 2D normal whose radius grows with the square root of the population (Praha: sigma
-- 6.6 km, Brno 3.6 km, a town of 20,000 0.8 km); the other 30 % uniformly over the country
-- (a rough outline of the Czech border, by rejection). Listings 1..100000 are approved, in
-- that id order; 100001..103000 are pending, paused, draft or rejected (the map must not show
-- them).
-- What: mostly one Type 2 wallbox of 11 kW, some 7.4/22/3.7 kW, dual wallboxes, Schuko
-- sockets, a few DC (CCS2/CHAdeMO) at small businesses; 72 % of charge points online, 13 %
-- silent for a while (offline), 10 % never connected, 5 % without a charge point; connector
-- states as a live fleet shows them; prices 5-12 CZK/kWh (DC dearer), some idle and session
-- fees; weekly availability windows as in the demo (nonstop, evenings, weekends...).

\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
BEGIN;

DO $$ BEGIN
	IF EXISTS (SELECT 1 FROM listings) THEN
		RAISE EXCEPTION 'gen-chargers.sql loads into an empty database only (listings has rows)';
	END IF;
END $$;

-- uniform [0, 1) from (row, salt)
CREATE FUNCTION pg_temp.rnd(i bigint, salt integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT ((hashint8extended(i, salt) >> 11) & 9007199254740991)::double precision / 9007199254740992.0 $$;

-- ---------------------------------------------------------------- towns (population ~2023)
CREATE TEMP TABLE bench_town (
	name text PRIMARY KEY,
	lat  double precision NOT NULL,
	lon  double precision NOT NULL,
	pop  integer NOT NULL
) ON COMMIT DROP;
INSERT INTO bench_town VALUES
('Praha', 50.0755, 14.4378, 1357000), ('Brno', 49.1951, 16.6068, 398000),
('Ostrava', 49.8209, 18.2625, 284000), ('Plzeň', 49.7384, 13.3736, 185000),
('Liberec', 50.7671, 15.0562, 104000), ('Olomouc', 49.5938, 17.2509, 101000),
('České Budějovice', 48.9745, 14.4743, 97000), ('Hradec Králové', 50.2104, 15.8252, 93000),
('Ústí nad Labem', 50.6607, 14.0323, 92000), ('Pardubice', 50.0343, 15.7812, 92000),
('Zlín', 49.2265, 17.6707, 75000), ('Havířov', 49.7798, 18.4369, 70000),
('Kladno', 50.1473, 14.1029, 69000), ('Most', 50.5030, 13.6362, 64000),
('Opava', 49.9387, 17.9026, 56000), ('Frýdek-Místek', 49.6881, 18.3536, 55000),
('Jihlava', 49.3961, 15.5912, 51000), ('Karviná', 49.8540, 18.5417, 50000),
('Teplice', 50.6404, 13.8245, 50000), ('Děčín', 50.7736, 14.1960, 48000),
('Karlovy Vary', 50.2319, 12.8720, 47000), ('Chomutov', 50.4605, 13.4178, 47000),
('Jablonec nad Nisou', 50.7243, 15.1711, 46000), ('Mladá Boleslav', 50.4113, 14.9032, 44000),
('Prostějov', 49.4719, 17.1118, 43000), ('Přerov', 49.4551, 17.4509, 42000),
('Česká Lípa', 50.6856, 14.5377, 37000), ('Třebíč', 49.2149, 15.8817, 34000),
('Třinec', 49.6776, 18.6708, 34000), ('Tábor', 49.4144, 14.6578, 34000),
('Znojmo', 48.8555, 16.0488, 34000), ('Příbram', 49.6899, 14.0104, 33000),
('Kolín', 50.0281, 15.2006, 33000), ('Cheb', 50.0796, 12.3739, 31000),
('Písek', 49.3088, 14.1475, 30000), ('Trutnov', 50.5610, 15.9127, 30000),
('Kroměříž', 49.2979, 17.3931, 28000), ('Orlová', 49.8453, 18.4302, 28000),
('Vsetín', 49.3387, 17.9962, 25000), ('Šumperk', 49.9653, 16.9706, 25000),
('Uherské Hradiště', 49.0698, 17.4597, 25000), ('Břeclav', 48.7590, 16.8820, 24000),
('Hodonín', 48.8489, 17.1324, 24000), ('Český Těšín', 49.7461, 18.6261, 24000),
('Litoměřice', 50.5335, 14.1318, 23000), ('Havlíčkův Brod', 49.6079, 15.5807, 23000),
('Nový Jičín', 49.5944, 18.0103, 23000), ('Chrudim', 49.9511, 15.7956, 23000),
('Krnov', 50.0897, 17.7039, 23000), ('Litvínov', 50.6005, 13.6112, 23000),
('Sokolov', 50.1813, 12.6401, 23000), ('Strakonice', 49.2614, 13.9023, 22000),
('Valašské Meziříčí', 49.4718, 17.9712, 22000), ('Klatovy', 49.3955, 13.2951, 22000),
('Kopřivnice', 49.5995, 18.1448, 22000), ('Jindřichův Hradec', 49.1441, 15.0030, 21000),
('Kutná Hora', 49.9484, 15.2682, 21000), ('Vyškov', 49.2775, 16.9990, 21000),
('Žďár nad Sázavou', 49.5626, 15.9392, 20000), ('Beroun', 49.9638, 14.0720, 20000),
('Blansko', 49.3630, 16.6445, 20000), ('Bohumín', 49.9044, 18.3575, 20000),
('Mělník', 50.3505, 14.4741, 19000), ('Náchod', 50.4167, 16.1629, 19000),
('Brandýs nad Labem', 50.1866, 14.6633, 19000), ('Jirkov', 50.4998, 13.4478, 19000),
('Žatec', 50.3272, 13.5457, 19000), ('Kralupy nad Vltavou', 50.2411, 14.3115, 18000),
('Louny', 50.3570, 13.7967, 18000), ('Kadaň', 50.3760, 13.2714, 18000),
('Hranice', 49.5480, 17.7347, 18000), ('Otrokovice', 49.2099, 17.5308, 18000),
('Benešov', 49.7816, 14.6870, 17000), ('Říčany', 49.9917, 14.6543, 17000),
('Svitavy', 49.7560, 16.4683, 17000), ('Ostrov', 50.3059, 12.9391, 17000),
('Neratovice', 50.2593, 14.5176, 17000), ('Uherský Brod', 49.0251, 17.6472, 16000),
('Rakovník', 50.1037, 13.7334, 16000), ('Jičín', 50.4372, 15.3516, 16000),
('Pelhřimov', 49.4313, 15.2234, 16000), ('Rožnov pod Radhoštěm', 49.4585, 18.1431, 16000),
('Česká Třebová', 49.9019, 16.4474, 15000), ('Dvůr Králové nad Labem', 50.4320, 15.8141, 15000),
('Varnsdorf', 50.9115, 14.6182, 15000), ('Domažlice', 49.4405, 12.9298, 11000);

-- each town's slice of [0, 1) by population
CREATE TEMP TABLE bench_town_w ON COMMIT DROP AS
SELECT name, lat, lon, 0.18 * sqrt(pop / 1000.0) AS sigma_km,
       (sum(pop) OVER (ORDER BY pop DESC, name) - pop)::float8 / sum(pop) OVER () AS lo,
       sum(pop) OVER (ORDER BY pop DESC, name)::float8 / sum(pop) OVER () AS hi
FROM bench_town;

-- the Czech border, roughly (lon, lat)
CREATE TEMP TABLE bench_cz ON COMMIT DROP AS SELECT polygon '(
	(12.09,50.32),(12.50,50.40),(12.95,50.48),(13.40,50.65),(13.90,50.79),(14.30,50.88),
	(14.55,51.02),(14.82,50.87),(15.00,51.02),(15.30,50.95),(15.80,50.75),(16.10,50.66),
	(16.35,50.66),(16.20,50.45),(16.60,50.20),(16.90,50.42),(17.20,50.35),(17.70,50.10),
	(18.05,50.05),(18.35,49.95),(18.60,49.90),(18.85,49.52),(18.55,49.45),(18.10,49.10),
	(17.70,48.87),(17.20,48.86),(16.95,48.62),(16.50,48.78),(16.00,48.75),(15.20,48.95),
	(14.95,48.77),(14.70,48.58),(14.05,48.60),(13.80,48.78),(13.50,48.95),(13.00,49.30),
	(12.60,49.55),(12.40,49.75),(12.50,50.00),(12.20,50.10))' AS outline;

-- ---------------------------------------------------------------- owners
-- 80,000 owners; some own several listings
INSERT INTO accounts (email, display_name, lang, email_verified_at, is_owner, state, created_at)
SELECT 'owner' || n || '@bench.evshare.test',
       (ARRAY['Jan','Petr','Jiří','Pavel','Martin','Tomáš','Jaroslav','Josef','Miroslav','Lukáš',
              'Jana','Marie','Eva','Hana','Anna','Lenka','Kateřina','Lucie','Věra','Alena'])[1 + (n % 20)]
       || ' ' ||
       (ARRAY['Novák','Svoboda','Novotný','Dvořák','Černý','Procházka','Kučera','Veselý','Horák',
              'Němec','Marek','Pospíšil','Pokorný','Hájek','Král','Jelínek','Růžička','Beneš',
              'Fiala','Sedláček','Doležal','Zeman','Kolář','Navrátil','Čermák'])[1 + ((n * 7) % 25)]
       || CASE WHEN n % 20 >= 10 THEN 'ová' ELSE '' END,
       CASE WHEN n % 9 = 0 THEN 'en' ELSE 'cs' END, now() - interval '400 days', true, 'active',
       now() - (400 + n % 300) * interval '1 day'
FROM generate_series(1, 80000) AS n
ORDER BY n;
-- (Nováková, Svobodová... the -ová is only right for some surnames; good enough for load)

-- ---------------------------------------------------------------- listings
CREATE TEMP TABLE bench_listing ON COMMIT DROP AS
SELECT i, p.lat, p.lon, p.city, p.village
FROM generate_series(1, 103000) AS i
CROSS JOIN LATERAL (
	-- around a town: normal in km, cut at 3.5 sigma
	SELECT t.lat + r * sin(a) / 111.2 AS lat, t.lon + r * cos(a) / 71.6 AS lon,
	       t.name AS city, false AS village
	FROM bench_town_w t,
	     LATERAL (SELECT least(t.sigma_km * sqrt(-2 * ln(1 - pg_temp.rnd(i, 2))), 3.5 * t.sigma_km) AS r,
	                     2 * pi() * pg_temp.rnd(i, 3) AS a) AS rr
	WHERE pg_temp.rnd(i, 0) < 0.70 AND pg_temp.rnd(i, 1) >= t.lo AND pg_temp.rnd(i, 1) < t.hi
	UNION ALL
	-- anywhere in the country: the first of 24 tries that falls inside the outline
	(SELECT 48.55 + 2.50 * pg_temp.rnd(i, 100 + k), 12.09 + 6.77 * pg_temp.rnd(i, 200 + k), NULL, true
	 FROM generate_series(0, 23) AS k, bench_cz
	 WHERE pg_temp.rnd(i, 0) >= 0.70
	   AND bench_cz.outline @> point(12.09 + 6.77 * pg_temp.rnd(i, 200 + k), 48.55 + 2.50 * pg_temp.rnd(i, 100 + k))
	 ORDER BY k LIMIT 1)
) AS p;

INSERT INTO listings (id, owner_id, title, description, address, city, lat, lon,
                      access_instructions, state, state_reason, auto_accept, created_at, updated_at,
                      approved_at)
SELECT b.i,
       o.first_id + (b.i * 7919) % 80000,
       (ARRAY['Wallbox u rodinného domu', 'Nabíječka v garáži', 'Wallbox na příjezdové cestě',
              'Nabíjení u chalupy', 'Stání s nabíječkou ve dvoře', 'Garážové stání s wallboxem',
              'Nabíječka u řadovky', 'Wallbox u vily', 'Nabíjení u penzionu',
              'Nabíječka na parkovišti u firmy', 'Wallbox ze solární elektrárny',
              'Stání s wallboxem v podzemní garáži'])[1 + floor(pg_temp.rnd(b.i, 20) * 12)::int]
       || ' – ' || coalesce(b.city, v.name),
       (ARRAY['Wallbox na fasádě domu, kabel Type 2 je pevně připojený. Parkujte na zpevněné ploše před garáží.',
              'Nabíječka v garáži, přes den většinou volná. Ideální na celodenní parkování i nabití přes noc.',
              'Přes den jede nabíječka z velké části z naší fotovoltaiky, proto je cena nižší.',
              'Klidná ulice, do centra je to deset minut pěšky. Během nabíjení se můžete projít.',
              'Stání ve dvoře za bránou, na noc auto stojí v bezpečí. Vezměte si vlastní kabel.',
              'Menší jednofázový wallbox, na noc úplně stačí – za osm hodin dobijete kolem 25 kWh.',
              'Rychlonabíječka u naší provozovny, o víkendu volně k dispozici.',
              ''])[1 + floor(pg_temp.rnd(b.i, 21) * 8)::int],
       (ARRAY['Nádražní','Husova','Školní','Komenského','Zahradní','Palackého','Sokolská',
              'Jiráskova','Smetanova','Polní','Krátká','Lipová','Masarykova','Tyršova','Luční',
              'Na Výsluní','Pod Lesem','Revoluční','Družstevní','Nerudova','Žižkova','Havlíčkova',
              'Okružní','Lesní','K Potoku','Na Kopci','Větrná','Slunečná','U Hřiště','Jabloňová'])
           [1 + floor(pg_temp.rnd(b.i, 22) * 30)::int]
       || ' ' || (1 + floor(pg_temp.rnd(b.i, 23) * 1800))::int || '/' || (1 + floor(pg_temp.rnd(b.i, 24) * 60))::int
       || ', ' || coalesce(b.city, v.name),
       coalesce(b.city, v.name), round(b.lat::numeric, 6), round(b.lon::numeric, 6),   -- as geocoded
       CASE WHEN pg_temp.rnd(b.i, 25) < 0.6 THEN 'Zazvoňte prosím u branky, otevřeme. Parkujte vpravo u garáže.' ELSE '' END,
       CASE WHEN b.i <= 100000 THEN 'approved'
            ELSE (ARRAY['pending','paused','draft','rejected'])[1 + b.i % 4] END,
       CASE WHEN b.i > 100000 AND b.i % 4 = 3 THEN 'Chybí fotografie stání.' END,
       pg_temp.rnd(b.i, 26) < 0.8,
       now() - (30 + floor(pg_temp.rnd(b.i, 27) * 700)) * interval '1 day',
       now() - (1 + floor(pg_temp.rnd(b.i, 27) * 29)) * interval '1 day',
       CASE WHEN b.i <= 100000 THEN now() - (20 + floor(pg_temp.rnd(b.i, 27) * 600)) * interval '1 day' END
FROM bench_listing b
CROSS JOIN (SELECT min(id) AS first_id FROM accounts WHERE email LIKE 'owner%@bench.evshare.test') AS o
CROSS JOIN LATERAL (
	SELECT (ARRAY['Lhota','Újezd','Nová Ves','Dolany','Chlum','Březí','Hradiště','Kostelec',
	              'Lipník','Bukovany','Zbraslavice','Olešná','Radošovice','Vrbice','Chotěboř',
	              'Svatý Jan','Dobrá Voda','Petrovice','Libčany','Borovnice','Vysoká',
	              'Stříbrná Skalice','Horní Město','Dolní Újezd','Zahrádky'])
	       [1 + floor(pg_temp.rnd(b.i, 30) * 25)::int] AS name
) AS v
ORDER BY b.i;
SELECT setval(pg_get_serial_sequence('listings', 'id'), 103000);

-- ---------------------------------------------------------------- charge points
-- kind: 0 online, 1 offline (seen, now silent), 2 never connected, 3 none at all
CREATE TEMP TABLE bench_cp ON COMMIT DROP AS
SELECT i, CASE WHEN u < 0.72 THEN 0 WHEN u < 0.85 THEN 1 WHEN u < 0.95 THEN 2 ELSE 3 END AS kind
FROM (SELECT i, pg_temp.rnd(i, 40) AS u FROM generate_series(1, 103000) AS i) AS x;
UPDATE bench_cp SET kind = 2 WHERE i > 100000 AND kind < 2;   -- not approved: never connected

INSERT INTO charge_points (identity, listing_id, password_hash, password_set_at, vendor, model,
                           serial_number, firmware_version, boot_state, last_boot_at,
                           heartbeat_interval, online, last_seen_at, status, error_code, status_at,
                           created_at)
SELECT 'BW' || lpad(c.i::text, 6, '0'), c.i,
       -- argon2id of "evshare-demo-charger" (the demo's)
       '$argon2id$v=19$m=8,t=1,p=1$L79QYBJyKRYr7xeR5QgJ6Q$0X1+x4l3ErRUMapulTMo3R5ukqS/CH8MB7MJUuaf5C8',
       l.created_at, m.vendor, m.model,
       CASE WHEN c.kind < 2 THEN upper(left(m.vendor, 3)) || '-' || lpad((c.i * 2654435761 % 1000000)::text, 6, '0') END,
       m.firmware,
       CASE WHEN c.kind < 2 THEN 'accepted' ELSE 'never' END,
       CASE WHEN c.kind < 2 THEN now() - (1 + pg_temp.rnd(c.i, 41) * 60) * interval '1 day' END,
       CASE WHEN c.kind < 2 THEN 60 END,
       c.kind = 0,
       CASE c.kind WHEN 0 THEN now() - pg_temp.rnd(c.i, 42) * interval '180 seconds'
                   WHEN 1 THEN now() - (10 + pg_temp.rnd(c.i, 42) * 14400) * interval '1 minute' END,
       CASE WHEN c.kind = 0 THEN 'Available' ELSE 'Unknown' END,
       'NoError',
       CASE WHEN c.kind < 2 THEN now() - pg_temp.rnd(c.i, 43) * interval '3 days' END,
       l.created_at
FROM bench_cp c
JOIN listings l ON l.id = c.i
CROSS JOIN LATERAL (
	SELECT (ARRAY['Wallbox','ABB','Solax','KEBA','Etrel','Alfen','Elinta','Schneider Electric','Hager','Wallbox'])[k] AS vendor,
	       (ARRAY['Pulsar Plus','Terra AC','X3-HAC','KC-P30','INCH Home','Eve Single Pro-line','HomeBox','EVlink Pro AC','witty park','Copper SB'])[k] AS model,
	       (ARRAY['5.17.0','1.6.3','V1.2.3','3.10.57','5.1.6','6.4.0-4112','1.5.4','3.4.0.12','2.1.4','6.2.10'])[k] AS firmware
	FROM (SELECT 1 + floor(pg_temp.rnd(c.i, 44) * 10)::int AS k) AS kk
) AS m
WHERE c.kind < 3
ORDER BY c.i;

-- ---------------------------------------------------------------- connectors
-- 86 % one connector, 12.5 % two (dual wallbox or wallbox + socket), 1.5 % three
INSERT INTO connectors (listing_id, connector_id, type, max_power_w, status, error_code, status_at)
SELECT x.i, x.n, x.type,
       CASE x.type
       WHEN 'type2'   THEN (ARRAY[3700, 7400, 7400, 11000, 11000, 11000, 11000, 11000, 11000, 11000, 22000, 22000, 22000])[1 + floor(pg_temp.rnd(x.i * 4 + x.n, 52) * 13)::int]
       WHEN 'schuko'  THEN (ARRAY[2300, 2300, 3600])[1 + floor(pg_temp.rnd(x.i * 4 + x.n, 52) * 3)::int]
       WHEN 'ccs2'    THEN (ARRAY[20000, 50000, 50000, 100000, 150000])[1 + floor(pg_temp.rnd(x.i * 4 + x.n, 52) * 5)::int]
       WHEN 'chademo' THEN 50000
       WHEN 'tesla'   THEN 11500
       WHEN 'type1'   THEN (ARRAY[3700, 7400])[1 + floor(pg_temp.rnd(x.i * 4 + x.n, 52) * 2)::int]
       ELSE 7000 END,
       CASE WHEN c.kind <> 0 THEN 'Unknown'
            ELSE (ARRAY['Available','Available','Available','Available','Available','Available',
                        'Available','Available','Available','Available','Available','Available',
                        'Charging','Charging','Charging','Preparing','SuspendedEV','SuspendedEVSE',
                        'Finishing','Reserved','Unavailable','Unavailable','Faulted'])
                 [1 + floor(pg_temp.rnd(x.i * 4 + x.n, 53) * 23)::int] END,
       'NoError',
       CASE WHEN c.kind < 2 THEN now() - pg_temp.rnd(x.i * 4 + x.n, 54) * interval '2 days' END
FROM (
	SELECT i, n,
	       CASE WHEN n = 1 THEN
	                CASE WHEN u < 0.875 THEN 'type2' WHEN u < 0.935 THEN 'schuko' WHEN u < 0.965 THEN 'ccs2'
	                     WHEN u < 0.98 THEN 'tesla' WHEN u < 0.99 THEN 'type1' WHEN u < 0.995 THEN 'chademo'
	                     ELSE 'gbt' END
	            ELSE
	                CASE WHEN u < 0.55 THEN 'type2' WHEN u < 0.90 THEN 'schuko' WHEN u < 0.95 THEN 'chademo'
	                     ELSE 'ccs2' END
	       END AS type
	FROM (SELECT i, n, pg_temp.rnd(i * 4 + n, 51) AS u
	      FROM generate_series(1, 103000) AS i,
	           LATERAL generate_series(1, CASE WHEN pg_temp.rnd(i, 50) < 0.86 THEN 1
	                                           WHEN pg_temp.rnd(i, 50) < 0.985 THEN 2 ELSE 3 END) AS n) AS y
) AS x
JOIN bench_cp c USING (i)
ORDER BY x.i, x.n;

-- ---------------------------------------------------------------- tariffs (haléře)
INSERT INTO tariffs (listing_id, currency, price_per_kwh, idle_fee_per_min, idle_grace_min, session_fee, updated_at)
SELECT l.id, 'CZK',
       10 * round((50 + 70 * (pg_temp.rnd(l.id, 60) + pg_temp.rnd(l.id, 61) + pg_temp.rnd(l.id, 62)) / 3)
                  + CASE WHEN EXISTS (SELECT 1 FROM connectors c WHERE c.listing_id = l.id AND c.type IN ('ccs2', 'chademo'))
                         THEN 40 ELSE 0 END),
       CASE WHEN pg_temp.rnd(l.id, 63) < 0.25 THEN 200 WHEN pg_temp.rnd(l.id, 63) < 0.30 THEN 300 ELSE 0 END,
       CASE WHEN pg_temp.rnd(l.id, 63) < 0.30 THEN 15 ELSE 0 END,
       CASE WHEN pg_temp.rnd(l.id, 64) < 0.04 THEN 2000 WHEN pg_temp.rnd(l.id, 64) < 0.06 THEN 1000 ELSE 0 END,
       l.updated_at
FROM listings l
ORDER BY l.id;

-- ---------------------------------------------------------------- availability (local time)
-- the demo's patterns: nonstop, vecer, vecer17, prace, den; 5 % of listings set none
INSERT INTO availability_windows (listing_id, weekday, start_min, end_min)
SELECT l.id, wd, p.start_min, p.end_min
FROM (SELECT id, CASE WHEN u < 0.25 THEN 'nonstop' WHEN u < 0.55 THEN 'vecer' WHEN u < 0.65 THEN 'vecer17'
                      WHEN u < 0.80 THEN 'prace' WHEN u < 0.95 THEN 'den' ELSE 'none' END AS pattern
      FROM (SELECT id, pg_temp.rnd(id, 70) AS u FROM listings) AS x) AS l
JOIN (VALUES
	('nonstop', 1, 7,    0, 1440),
	('vecer',   1, 5,    0,  420), ('vecer',   1, 5, 1080, 1440), ('vecer',   6, 7, 0, 1440),
	('vecer17', 1, 5,    0,  360), ('vecer17', 1, 5, 1020, 1440), ('vecer17', 6, 7, 0, 1440),
	('prace',   1, 5,  420, 1080), ('prace',   6, 7,    0, 1440),
	('den',     1, 7,  360, 1320)
) AS p (pattern, day_from, day_to, start_min, end_min) USING (pattern)
CROSS JOIN LATERAL generate_series(p.day_from, p.day_to) AS wd
ORDER BY l.id, wd, p.start_min;

COMMIT;
