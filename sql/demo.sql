-- demo.sql: what a visitor sees on the first `make run`. Loaded once by scripts/instance.sh
-- (psql -v ON_ERROR_STOP=1 -f sql/demo.sql, as superuser, after the migrations, only while the
-- listings table is empty). Deterministic: no random(); times are relative to now() (the
-- transaction's start) or to the current week in Europe/Prague, and no id is written down:
-- rows are found by email, address or identity.
--
-- Every demo login uses the password `evshare-demo` (admin@, owner@, driver@evshare.test and the
-- other owners); every demo charger's OCPP password is `evshare-demo-charger`.
--   admin@evshare.test   Správce evshare (is_admin)
--   owner@evshare.test   Jana Nováková (3 approved listings, 2 pending)
--   driver@evshare.test  Petr Svoboda (id tags DEMO-TAG-1..3, bookings, charging history)
-- Charge points DEMO-001..DEMO-040 belong to the 40 approved listings in the order below,
-- DEMO-041 to the paused one, DEMO-P01..DEMO-P05 to the listings awaiting moderation.

BEGIN;

-- ---------------------------------------------------------------- people
-- argon2id (crypto_pwhash_str_alg, ARGON2ID13, OPSLIMIT/MEMLIMIT_INTERACTIVE) of "evshare-demo"
INSERT INTO accounts (email, display_name, lang, password_hash, email_verified_at,
                      is_owner, is_admin, state, created_at)
SELECT v.email, v.display_name, 'cs', h.hash, now(), v.is_owner, v.is_admin, 'active',
       now() - v.age_days * interval '1 day'
FROM (VALUES
	('admin@evshare.test',                'Správce evshare',      false, true,  420),
	('owner@evshare.test',                'Jana Nováková',        true,  false, 190),
	('driver@evshare.test',               'Petr Svoboda',         false, false, 150),
	('tomas.dvorak@evshare.test',         'Tomáš Dvořák',         true,  false, 260),
	('lucie.cerna@evshare.test',          'Lucie Černá',          true,  false, 240),
	('martin.prochazka@evshare.test',     'Martin Procházka',     true,  false, 230),
	('katerina.kucerova@evshare.test',    'Kateřina Kučerová',    true,  false, 215),
	('ondrej.jelinek@evshare.test',       'Ondřej Jelínek',       true,  false, 200),
	('jiri.vesely@evshare.test',          'Jiří Veselý',          true,  false, 250),
	('eva.horakova@evshare.test',         'Eva Horáková',         true,  false, 235),
	('pavel.nemec@evshare.test',          'Pavel Němec',          true,  false, 205),
	('hana.markova@evshare.test',         'Hana Marková',         true,  false, 220),
	('jan.pokorny@evshare.test',          'Jan Pokorný',          true,  false, 210),
	('lukas.ruzicka@evshare.test',        'Lukáš Růžička',        true,  false, 180),
	('veronika.pospisilova@evshare.test', 'Veronika Pospíšilová', true,  false, 245),
	('michal.hajek@evshare.test',         'Michal Hájek',         true,  false, 225),
	('zuzana.kralova@evshare.test',       'Zuzana Králová',       true,  false, 195)
) AS v (email, display_name, is_owner, is_admin, age_days)
CROSS JOIN (VALUES
	('$argon2id$v=19$m=65536,t=2,p=1$jSyPn/Ok4yXiuXUw9JRSDA$gMR1E+KxwLnr6XR03uNDBTUh4QSD5JuHPVSVF7b8vKM')
) AS h (hash);

-- ---------------------------------------------------------------- listings
-- The listings as data; everything below joins to it by ord (and to listings by address).
CREATE TEMP TABLE demo_listing (
	ord         integer PRIMARY KEY,
	owner       text NOT NULL,
	state       text NOT NULL,
	city        text NOT NULL,
	address     text NOT NULL UNIQUE,
	lat         double precision NOT NULL,
	lon         double precision NOT NULL,
	title       text NOT NULL,
	description text NOT NULL,
	access      text NOT NULL,
	auto_accept boolean NOT NULL,
	age_days    integer NOT NULL,         -- created that many days ago
	upd_days    integer NOT NULL,         -- last changed that many days ago
	state_reason text
) ON COMMIT DROP;

INSERT INTO demo_listing VALUES
-- ---- Praha (14 approved)
(1, 'owner@evshare.test', 'approved', 'Praha', 'Korunní 812/45, Praha 2 – Vinohrady', 50.07560, 14.44280,
 'Wallbox v garáži na Vinohradech',
 'Wallbox v podzemní garáži činžovního domu kousek od náměstí Míru, Type 2 s pevným kabelem až 11 kW. Ve všední dny přes den, kdy jsem autem v práci, je stání volné – ideální, když jedete do centra na celý den.',
 'Vjezd do garáže z ulice Budečská. Zazvoňte na zvonek „Novákovi“, vrata otevřu na dálku. Stání č. 14 ve 2. podzemním podlaží, výška vjezdu 2,1 m.',
 true, 160, 159, NULL),
(2, 'tomas.dvorak@evshare.test', 'approved', 'Praha', 'Českomalínská 512/21, Praha 6 – Bubeneč', 50.10350, 14.40550,
 'Nabíječka u vily v Bubenči',
 'Nabíječka ABB na příjezdové cestě u vily, zásuvka Type 2 až 22 kW – vezměte si vlastní kabel. Do Stromovky je to pět minut pěšky, čekání se dá příjemně strávit v parku.',
 'Brána z Českomalínské je přes den otevřená, večer zazvoňte na „Dvořákovi“. Parkujte vpravo těsně u garáže, ať zůstane volný průchod k domu.',
 true, 140, 139, NULL),
(3, 'katerina.kucerova@evshare.test', 'approved', 'Praha', 'Na Bateriích 411/28, Praha 6 – Střešovice', 50.08870, 14.37550,
 'Wallbox u rodinného domu ve Střešovicích',
 'Wallbox Solax na fasádě rodinného domu, přes den jede z velké části z naší fotovoltaiky. Stání je přímo před garáží, kabel Type 2 je pevně připojený, výkon až 11 kW.',
 'Parkujte na zpevněné ploše před garáží se šedými vraty. Před nabíjením prosím zazvoňte na „Kučerovi“, ať víme, že tu jste.',
 false, 128, 127, NULL),
(4, 'lucie.cerna@evshare.test', 'approved', 'Praha', 'Pernerova 697/35, Praha 8 – Karlín', 50.09220, 14.45400,
 'Garážové stání s nabíječkou v Karlíně',
 'Stání v garáži novostavby v Karlíně s wallboxem Pulsar Plus 11 kW a pevným kabelem Type 2. Hodí se na celodenní parkování i na nabití přes noc, metro Křižíkova je za rohem.',
 'Vjezd do garáže z ulice Pernerova, kód k vratům dostanete v potvrzení rezervace. Stání č. 27 hned vlevo za rampou.',
 true, 121, 120, NULL),
(5, 'martin.prochazka@evshare.test', 'approved', 'Praha', 'Na Václavce 1102/22, Praha 5 – Smíchov', 50.06560, 14.39530,
 'Nabíjení u vily Na Václavce',
 'Wallbox ABB Terra AC až 22 kW u vjezdu do vily nad Smíchovem. Klidná ulice s výhledem na Prahu, na Anděl je to deset minut pěšky.',
 'Zastavte na dlážděném vjezdu před bránou, nabíječka je na sloupku vlevo. Kabel Type 2 visí na držáku – po nabití ho prosím vraťte zpět.',
 true, 115, 114, NULL),
(6, 'owner@evshare.test', 'approved', 'Praha', 'Kodaňská 1441/46, Praha 10 – Vršovice', 50.06850, 14.45850,
 'Stání ve dvoře ve Vršovicích',
 'Parkovací místo ve vnitrobloku domu v Kodaňské s jednofázovým wallboxem 7,4 kW. Na nabití přes noc to bohatě stačí, auto stojí za bránou a ve dvoře je klid.',
 'Průjezd do dvora z Kodaňské, brána je na čip. Po příjezdu zazvoňte na „Novákovi“ (bydlí tu moji rodiče), otevřeme. Stání je úplně vzadu u zdi s nabíječkou.',
 true, 150, 149, NULL),
(7, 'ondrej.jelinek@evshare.test', 'approved', 'Praha', 'Starostrašnická 2160/45, Praha 10 – Strašnice', 50.07050, 14.49050,
 'Nabíječka u domu ve Strašnicích',
 'Wallbox KEBA na zdi garáže, Type 2 do 11 kW s pevným kabelem. Kousek od metra Strašnická – auto se může nabíjet, zatímco jedete do města.',
 'Vjezd z ulice Starostrašnická, zelená vrata vedle domu č. 45. Parkujte před garáží, zvonek „Jelínkovi“.',
 true, 98, 97, NULL),
(8, 'lucie.cerna@evshare.test', 'approved', 'Praha', 'Na Dolinách 153/12, Praha 4 – Podolí', 50.05670, 14.42260,
 'Wallbox v klidné ulici v Podolí',
 'Nabíječka Etrel na stání před domem v ulici Na Dolinách, až 11 kW. Ideální na večerní nabití – mezitím se můžete projít k Vltavě nebo si zaplavat v Podolí.',
 'Stání je přímo u chodníku a je označené cedulkou „Nabíjení EV“. Nabíjení spustíte v aplikaci, zvonit není potřeba.',
 true, 92, 91, NULL),
(9, 'katerina.kucerova@evshare.test', 'approved', 'Praha', 'Roztylské sady 1204/38, Praha 4 – Spořilov', 50.04800, 14.47750,
 'Nabíjení u řadovky na Spořilově',
 'Menší jednofázový wallbox 3,7 kW u řadového domu. Na noc úplně stačí – za osm hodin dobijete kolem 30 kWh, a proto je i cena nižší.',
 'Parkujte na našem místě před domem vedle popelnic, kabel Type 2 je navinutý na nabíječce. Do 22:00 se klidně ozvěte zvonkem „Kučerovi“.',
 false, 87, 86, NULL),
(10, 'martin.prochazka@evshare.test', 'approved', 'Praha', 'Golčova 520/23, Praha 4 – Kunratice', 50.01350, 14.48000,
 'Wallbox u domu v Kunraticích',
 'Wallbox u rodinného domu nedaleko Kunratického lesa, Type 2 až 11 kW. Během nabíjení se můžete projít do lesa, je hned za rohem.',
 'Vjezd z ulice Golčova, modrá brána s číslem 23. Přes den je otevřená, parkujte vlevo u zdi s nabíječkou.',
 true, 80, 79, NULL),
(11, 'tomas.dvorak@evshare.test', 'approved', 'Praha', 'Pod Havránkou 481/20, Praha 7 – Troja', 50.11650, 14.41750,
 'Nabíječka v Troji kousek od zoo',
 'Nabíječka ABB 22 kW u našeho domu pár minut od zoo a botanické zahrady – nabijte, zatímco jste s dětmi v zoo. Zásuvka Type 2, kabel s sebou.',
 'Stání za bránou vpravo. Bránu otevřete kódem, který dostanete v potvrzení rezervace.',
 true, 74, 73, NULL),
(12, 'ondrej.jelinek@evshare.test', 'approved', 'Praha', 'Kamýcká 234/89, Praha 6 – Suchdol', 50.13350, 14.37900,
 'Zásuvka v garáži na Suchdole',
 'Obyčejná zásuvka 230 V (Schuko) s měřením v garáži rodinného domu, nejvýš 2,3 kW. Vhodné pro plug-in hybridy nebo na pomalé dobití přes noc, vlastní nabíjecí kabel nutný.',
 'Garáž je přístupná z Kamýcké. Zazvoňte na „Jelínkovi“ a otevřeme. Prodlužovací kabely prosím nepoužívejte.',
 true, 66, 65, NULL),
(13, 'ondrej.jelinek@evshare.test', 'approved', 'Praha', 'Ve Žlíbku 1800/77, Praha 9 – Horní Počernice', 50.11300, 14.60200,
 'Wallbox v Horních Počernicích, kousek od D11',
 'Nová nabíječka u rodinného domu, pár minut od sjezdu z D11. Hodí se i na zastávku cestou do Hradce Králové nebo do Krkonoš.',
 'Parkujte na štěrkové ploše před domem, nabíječka je na sloupku u plotu.',
 true, 9, 8, NULL),
(14, 'owner@evshare.test', 'approved', 'Praha', 'Kovářova 1615/19, Praha 13 – Stodůlky', 50.04650, 14.30800,
 'Garáž s wallboxem ve Stodůlkách',
 'Garážové stání v bytovém domě kousek od metra Stodůlky, wallbox 11 kW s kabelem Type 2. Pohodlné P+R: nabít a metrem do centra za dvacet minut.',
 'Vjezd do garáže z ulice Kovářova, rampa se otevře kódem z potvrzení rezervace. Stání č. 8, nabíječka je na zdi.',
 true, 135, 134, NULL),
-- ---- Brno (10 approved)
(15, 'jiri.vesely@evshare.test', 'approved', 'Brno', 'Minská 1062/54, Brno – Žabovřesky', 49.21100, 16.58250,
 'Wallbox u domu v Žabovřeskách',
 'Wallbox KEBA na dvoře rodinného domu, nabíjí až 22 kW. Tramvaj do centra staví kousek od domu, auto tu můžete nechat nabíjet a vyrazit do města.',
 'Vjezd z Minské šedou bránou – otevřu na dálku, stačí zazvonit na „Veselí“. Parkujte vpravo u nabíječky.',
 true, 145, 144, NULL),
(16, 'eva.horakova@evshare.test', 'approved', 'Brno', 'Palackého třída 1402/120, Brno – Královo Pole', 49.22300, 16.58650,
 'Penzion se dvěma nabíječkami – Královo Pole',
 'Dva nabíjecí body po 11 kW na parkovišti našeho penzionu. Nabíjet mohou i ti, kdo u nás nebydlí – nonstop a kousek od tramvaje.',
 'Vjezd na parkoviště ze dvora za domem, závoru otevře recepce (nebo zavolejte). Nabíječka stojí u zadní zdi, místa 1 a 2.',
 true, 131, 130, NULL),
(17, 'pavel.nemec@evshare.test', 'approved', 'Brno', 'Ondráčkova 1125/142, Brno – Líšeň', 49.20850, 16.68600,
 'Nabíječka u rodinného domu – Líšeň',
 'Wallbox 11 kW s pevným kabelem Type 2 u rodinného domu ve staré Líšni. Nabíjet můžete večer, v noci a o víkendech.',
 'Parkujte před garáží, zvonek „Němcovi“. Kabel po nabití prosím naviňte zpátky na držák.',
 true, 118, 117, NULL),
(18, 'jiri.vesely@evshare.test', 'approved', 'Brno', 'Ečerova 1020/40, Brno – Bystrc', 49.22300, 16.51900,
 'Wallbox v Bystrci kousek od přehrady',
 'Jednofázový wallbox 7,4 kW u bytového domu v Bystrci. Během nabíjení se můžete projít k Brněnské přehradě.',
 'Parkoviště za domem, místo označené „EV“. Nabíjení spustíte v aplikaci, kabel je připojený.',
 true, 104, 103, NULL),
(19, 'eva.horakova@evshare.test', 'approved', 'Brno', 'Hudcova 311/64, Brno – Medlánky', 49.23400, 16.57700,
 'Nabíječka v Medlánkách u letiště',
 'Wallbox u rodinného domu v klidné části Medlánek, pár kroků od louky u sportovního letiště. Type 2, 11 kW, kabel je připojený.',
 'Vjezd z boční uličky, parkujte před bílými garážovými vraty.',
 true, 96, 95, NULL),
(20, 'pavel.nemec@evshare.test', 'approved', 'Brno', 'Merhautova 1074/168, Brno – Černá Pole', 49.21150, 16.62100,
 'Wallbox na Černých Polích',
 'Schneider EVlink u vily na Černých Polích, 11 kW. Blízko Lužánek i centra, parkujete mimo ulici na pozemku.',
 'Brána s videotelefonem – zazvoňte na „Němcovi“, pustíme vás dovnitř. Parkujte hned u nabíječky.',
 false, 88, 87, NULL),
(21, 'jiri.vesely@evshare.test', 'approved', 'Brno', 'Hviezdoslavova 1190/27, Brno – Slatina', 49.17700, 16.68700,
 'Nabíječka ve Slatině u letiště',
 'Nabíječka 22 kW u domu ve Slatině, pět minut od letiště Brno-Tuřany i od D1. Hodí se na dobití před cestou nebo po příletu.',
 'Parkujte na zpevněné ploše před domem. Zásuvka Type 2 – vezměte si vlastní kabel.',
 true, 77, 76, NULL),
(22, 'eva.horakova@evshare.test', 'approved', 'Brno', 'Bystrcká 1024/51, Brno – Komín', 49.21650, 16.55200,
 'Zásuvka pro pomalé nabíjení v Komíně',
 'Venkovní zásuvka 230 V / 16 A (Schuko) s měřením u garáže, nejvýš 3,6 kW. Vhodné pro hybridy a na noc, vlastní kabel s sebou.',
 'Parkujte na stání před garáží. Zásuvka je pod stříškou vedle vrat.',
 true, 61, 60, NULL),
(23, 'pavel.nemec@evshare.test', 'approved', 'Brno', 'Libušina třída 1225/19, Brno – Kohoutovice', 49.19450, 16.53900,
 'Wallbox v Kohoutovicích u lesa',
 'Wallbox u rodinného domu na okraji Kohoutovic, hned u lesa. Type 2, 11 kW, pevný kabel. Ve všední dny přes den a celý víkend.',
 'Odbočte ke garážím, stání je to první vlevo.',
 true, 52, 51, NULL),
(24, 'jiri.vesely@evshare.test', 'approved', 'Brno', 'Veslařská 962/240, Brno – Jundrov', 49.20800, 16.55400,
 'Nabíječka v Jundrově u Svratky',
 'Wallbox u domu na Veslařské, kousek od cyklostezky podél Svratky. Při nabíjení se můžete projít nebo projet na kole.',
 'Parkujte na stání před domem, zvonek „Veselí“. Nabíjení spouštíte v aplikaci.',
 true, 45, 44, NULL),
-- ---- Ostrava (8 approved)
(25, 'hana.markova@evshare.test', 'approved', 'Ostrava', 'Francouzská 6167/5, Ostrava – Poruba', 49.82850, 18.17000,
 'Wallbox u domu v Porubě',
 'Wallbox v Porubě blízko Hlavní třídy a kousek od VŠB. Type 2, 11 kW, kabel je připojený. Večer, v noci a o víkendu.',
 'Vjezd z Francouzské do dvora, parkujte u zdi s nabíječkou. Zvonek „Markovi“.',
 true, 138, 137, NULL),
(26, 'jan.pokorny@evshare.test', 'approved', 'Ostrava', '28. října 2663/150, Ostrava – Mariánské Hory', 49.82700, 18.26300,
 'Nabíjení v Mariánských Horách',
 'Nabíječka 22 kW ve dvoře domu na 28. října, dobře dostupná z centra i z dálnice. Zásuvka Type 2, kabel s sebou.',
 'Průjezd do dvora je vedle prodejny, brána je otevřená od 6 do 22 hodin, v noci zavolejte. Stání je vyznačené zelenou barvou.',
 true, 120, 119, NULL),
(27, 'lukas.ruzicka@evshare.test', 'approved', 'Ostrava', 'Ruská 2887/101, Ostrava – Vítkovice', 49.81300, 18.26100,
 'Rychlonabíječka 50 kW u autoservisu ve Vítkovicích',
 'DC rychlonabíječka ABB Terra 54 u našeho autoservisu – CCS2 i CHAdeMO, až 50 kW. Za 30–40 minut dobijete většinu baterie, mezitím si dáte kávu v čekárně.',
 'Vjezd do areálu autoservisu z Ruské, stojan je hned vpravo za vraty. Mimo provozní dobu servisu je areál zavřený.',
 true, 110, 109, NULL),
(28, 'hana.markova@evshare.test', 'approved', 'Ostrava', 'Horní 1492/55, Ostrava – Hrabůvka', 49.78900, 18.26300,
 'Wallbox u bytovky v Hrabůvce',
 'Jednofázový wallbox 7,4 kW na parkovišti u našeho domu. Místo je vyhrazené, nikdo vám ho nezabere.',
 'Parkoviště za domem, místo č. 3 s cedulí „Nabíjení“.',
 true, 93, 92, NULL),
(29, 'jan.pokorny@evshare.test', 'approved', 'Ostrava', 'Paskovská 158/34, Ostrava – Hrabová', 49.77250, 18.26700,
 'Nabíječka v Hrabové u průmyslové zóny',
 'Wallbox 11 kW u rodinného domu, pár minut od průmyslové zóny Hrabová. Vhodné pro dojíždějící – přes den i večer.',
 'Vjezd bránou vedle domu. Před příjezdem prosím zavolejte, ať stihneme zavřít psa.',
 false, 71, 70, NULL),
(30, 'hana.markova@evshare.test', 'approved', 'Ostrava', 'Mitrovická 189/92, Ostrava – Stará Bělá', 49.76250, 18.21800,
 'Wallbox ve Staré Bělé',
 'Nová nabíječka u rodinného domu ve Staré Bělé, kousek od Poodří. Type 2, 11 kW.',
 'Parkujte na štěrku před domem, nabíječka je na sloupku u plotu.',
 true, 12, 11, NULL),
(31, 'lukas.ruzicka@evshare.test', 'approved', 'Ostrava', 'Bílovecká 301/45, Ostrava – Svinov', 49.82600, 18.20300,
 'Nabíječka ve Svinově u nádraží',
 'Wallbox u domu kousek od svinovského nádraží – auto se nabíjí a vy pokračujete vlakem nebo tramvají.',
 'Stání je ve dvoře za domem, zvonek „Růžičkovi“.',
 true, 58, 57, NULL),
(32, 'jan.pokorny@evshare.test', 'approved', 'Ostrava', 'Sládečkova 102/48, Ostrava – Michálkovice', 49.84100, 18.32000,
 'Pomalé nabíjení v Michálkovicích',
 'Jednofázová nabíječka 3,7 kW u domu v Michálkovicích. Pomalejší, ale levná – ideální na celou noc.',
 'Parkujte na příjezdové cestě, kabel Type 2 je na nabíječce.',
 true, 40, 39, NULL),
-- ---- Plzeň (8 approved)
(33, 'veronika.pospisilova@evshare.test', 'approved', 'Plzeň', 'U Borského parku 1987/21, Plzeň – Bory', 49.73350, 13.36550,
 'Wallbox u Borského parku',
 'Wallbox 11 kW u domu přímo u Borského parku, blízko Škodovky i univerzity. Stání na pozemku, nonstop.',
 'Vjezd z ulice U Borského parku, bránu otevřete kódem z potvrzení rezervace. Parkujte u garáže.',
 true, 126, 125, NULL),
(34, 'michal.hajek@evshare.test', 'approved', 'Plzeň', 'Slovanská alej 1864/30, Plzeň – Slovany', 49.73700, 13.39400,
 'Nabíjení na Slovanech',
 'Jednofázový wallbox 7,4 kW ve dvoře činžovního domu. Večer, v noci a o víkendu, tramvaj do centra jezdí kousek od domu.',
 'Průjezd do dvora je vedle domu č. 30, zazvoňte na „Hájkovi“. Stání je vlevo u nabíječky.',
 true, 112, 111, NULL),
(35, 'zuzana.kralova@evshare.test', 'approved', 'Plzeň', 'alej Svobody 1178/36, Plzeň – Lochotín', 49.76400, 13.36300,
 'Wallbox na Lochotíně, kousek od zoo',
 'Nabíječka u domu na Lochotíně, asi deset minut chůze do plzeňské zoo. Type 2, 11 kW, kabel je připojený.',
 'Parkoviště u domu, místo označené „EV“. Nabíjení spustíte v aplikaci.',
 true, 99, 98, NULL),
(36, 'veronika.pospisilova@evshare.test', 'approved', 'Plzeň', 'Zábělská 1164/24, Plzeň – Doubravka', 49.75550, 13.42300,
 'Nabíječka u domu v Doubravce',
 'Wallbox 22 kW u rodinného domu v Doubravce. Ve všední dny přes den a celý víkend.',
 'Vjezd bránou vedle garáže, zvonek „Pospíšilovi“.',
 true, 84, 83, NULL),
(37, 'michal.hajek@evshare.test', 'approved', 'Plzeň', 'Koterovská 1630/168, Plzeň – Koterov', 49.72450, 13.42300,
 'Wallbox v Koterově',
 'Nabíječka u statku v historickém Koterově, kousek od dálnice D5. Klid, zeleň a nabíjení až 11 kW.',
 'Vjezd do dvora branou, prosím zazvoňte na „Hájkovi“.',
 false, 69, 68, NULL),
(38, 'zuzana.kralova@evshare.test', 'approved', 'Plzeň', 'Domažlická 1123/150, Plzeň – Skvrňany', 49.74250, 13.34000,
 'Nabíjení u pneuservisu ve Skvrňanech',
 'Nabíječka Type 2 až 22 kW a zásuvka 230 V u našeho pneuservisu. Nabít můžete třeba během přezutí.',
 'Vjezd do areálu z Domažlické, stojan je vpravo u kanceláře. Otevřeno ve všední dny 7–19, v sobotu 8–12.',
 true, 55, 54, NULL),
(39, 'veronika.pospisilova@evshare.test', 'approved', 'Plzeň', 'Bolevecká náves 21/8, Plzeň – Bolevec', 49.78150, 13.38750,
 'Wallbox u Boleveckých rybníků',
 'Wallbox u domu na Bolevecké návsi, pár kroků od Boleveckých rybníků. V létě ideální: nabít a jít si zaplavat.',
 'Parkujte před domem, nabíječka je na zdi vedle vrat.',
 true, 15, 14, NULL),
(40, 'michal.hajek@evshare.test', 'approved', 'Plzeň', 'Rokycanská 1284/130, Plzeň – Lobzy', 49.74900, 13.40500,
 'Zásuvka pro pomalé nabíjení v Lobzích',
 'Zásuvka Schuko 230 V s měřením u domu v Lobzích, nejvýš 2,3 kW. Pro hybridy a noční nabíjení, vlastní kabel nutný.',
 'Vjezd ze zadní ulice, zásuvka je v přístřešku u garáže.',
 true, 33, 32, NULL),
-- ---- awaiting moderation
(41, 'owner@evshare.test', 'pending', 'Praha', 'Seifertova 1020/60, Praha 3 – Žižkov', 50.08480, 14.44650,
 'Garážové stání na Žižkově',
 'Stání v garáži domu na Seifertově s nově instalovaným wallboxem 11 kW. Volné hlavně přes den ve všední dny a v noci.',
 'Vjezd ze Seifertovy, kód k vratům pošlu po potvrzení rezervace.',
 true, 4, 4, NULL),
(42, 'owner@evshare.test', 'pending', 'Praha', 'Na Žertvách 2207/31, Praha 8 – Libeň', 50.10130, 14.49450,
 'Nabíječka u domu v Libni',
 'Wallbox 22 kW u domu, kde bydlí můj bratr. Stání je volné skoro pořád.',
 'Zazvoňte na „Novákovi“, brána se otevře na dálku.',
 true, 2, 2, NULL),
(43, 'pavel.nemec@evshare.test', 'pending', 'Brno', 'Terezy Novákové 1205/60, Brno – Řečkovice', 49.24650, 16.58100,
 'Wallbox u řadovky v Řečkovicích',
 'Wallbox 11 kW u řadového domu v Řečkovicích, kousek od konečné tramvaje.',
 'Parkujte na stání před domem, zvonek „Němcovi“.',
 true, 5, 5, NULL),
(44, 'hana.markova@evshare.test', 'pending', 'Ostrava', 'Opavská 6230/40, Ostrava – Poruba', 49.82900, 18.18300,
 'Stání s nabíječkou u VŠB',
 'Vyhrazené stání s jednofázovým wallboxem 7,4 kW, pár minut pěšky od kampusu VŠB.',
 'Parkoviště za domem, místo č. 12.',
 true, 3, 3, NULL),
(45, 'zuzana.kralova@evshare.test', 'pending', 'Plzeň', 'Na Roudné 810/95, Plzeň – Roudná', 49.76100, 13.38300,
 'Nabíječka na Roudné',
 'Wallbox 11 kW u rodinného domu na Roudné, deset minut pěšky do centra.',
 'Parkujte před garáží, zvonek „Královi“.',
 true, 1, 1, NULL),
-- ---- rejected
(46, 'martin.prochazka@evshare.test', 'rejected', 'Praha', 'Zelenečská 5/14, Praha 9 – Hloubětín', 50.10650, 14.53600,
 'Zásuvka z přízemí na sídlišti v Hloubětíně',
 'Zásuvka 230 V v bytě v přízemí, kabel prostrčím oknem na parkoviště před domem.',
 'Parkoviště před domem, zazvoňte na „Procházkovi“.',
 true, 21, 19,
 'Nabíjení přes prodlužovací kabel vedený z okna přes chodník nelze z bezpečnostních důvodů schválit. Pokud zřídíte pevně instalovanou venkovní zásuvku nebo wallbox s revizí, podejte prosím inzerát znovu.'),
-- ---- paused by its owner
(47, 'eva.horakova@evshare.test', 'paused', 'Brno', 'Křivánkovo náměstí 35/12, Brno – Žebětín', 49.21200, 16.48800,
 'Wallbox v Žebětíně',
 'Wallbox 11 kW u domu v Žebětíně. Momentálně pozastaveno – měníme hlavní jistič, po výměně nabíječku hned zase zapneme.',
 'Parkujte před garáží, zvonek „Horákovi“.',
 true, 100, 9, NULL);

INSERT INTO listings (owner_id, title, description, address, city, lat, lon, access_instructions,
                      state, state_reason, auto_accept, created_at, updated_at, approved_at)
SELECT a.id, d.title, d.description, d.address, d.city, d.lat, d.lon, d.access,
       d.state, d.state_reason, d.auto_accept,
       now() - d.age_days * interval '1 day',
       now() - d.upd_days * interval '1 day',
       CASE WHEN d.state IN ('approved', 'paused') THEN now() - (d.age_days - 1) * interval '1 day' END
FROM demo_listing d
JOIN accounts a ON a.email = d.owner
ORDER BY d.ord;

-- ---------------------------------------------------------------- connectors
-- status_age: how long ago the status was reported (NULL: never). The connectors of an offline
-- charger are 'Unknown' since it was found silent, as the bridge's sweep (ocpp_sweep) leaves them.
INSERT INTO connectors (listing_id, connector_id, type, max_power_w, status, error_code, status_at)
SELECT l.id, v.connector_id, v.type, v.max_power_w, v.status, v.error_code,
       now() - v.status_age::interval
FROM (VALUES
	( 1, 1, 'type2',   11000, 'Available',   'NoError',            '3 hours 12 minutes'),
	( 2, 1, 'type2',   22000, 'Charging',    'NoError',            '48 minutes'),
	( 3, 1, 'type2',   11000, 'Available',   'NoError',            '1 day 4 hours'),
	( 4, 1, 'type2',   11000, 'Available',   'NoError',            '6 hours 40 minutes'),
	( 5, 1, 'type2',   22000, 'Unknown',     'NoError',            '2 days 8 hours 55 minutes'),
	( 6, 1, 'type2',    7400, 'Available',   'NoError',            '14 hours 5 minutes'),
	( 7, 1, 'type2',   11000, 'Available',   'NoError',            '2 hours 31 minutes'),
	( 8, 1, 'type2',   11000, 'Charging',    'NoError',            '35 minutes'),
	( 9, 1, 'type2',    3700, 'Available',   'NoError',            '9 hours 50 minutes'),
	(10, 1, 'type2',   11000, 'Unknown',     'NoError',            '5 hours 15 minutes'),
	(11, 1, 'type2',   22000, 'Available',   'NoError',            '1 day 1 hour'),
	(12, 1, 'schuko',   2300, 'Unavailable', 'NoError',            '19 hours'),
	(13, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(14, 1, 'type2',   11000, 'Available',   'NoError',            '4 hours 2 minutes'),
	(15, 1, 'type2',   22000, 'Available',   'NoError',            '7 hours 15 minutes'),
	(16, 1, 'type2',   11000, 'Charging',    'NoError',            '1 hour 10 minutes'),
	(16, 2, 'type2',   11000, 'Available',   'NoError',            '3 hours 45 minutes'),
	(17, 1, 'type2',   11000, 'Available',   'NoError',            '11 hours 30 minutes'),
	(18, 1, 'type2',    7400, 'Available',   'NoError',            '1 day 6 hours'),
	(19, 1, 'type2',   11000, 'Unknown',     'NoError',            '3 days 7 hours 55 minutes'),
	(20, 1, 'type2',   11000, 'Available',   'NoError',            '5 hours 5 minutes'),
	(21, 1, 'type2',   22000, 'Charging',    'NoError',            '22 minutes'),
	(22, 1, 'schuko',   3600, 'Available',   'NoError',            '2 days 2 hours'),
	(23, 1, 'type2',   11000, 'Available',   'NoError',            '8 hours 40 minutes'),
	(24, 1, 'type2',   11000, 'Unavailable', 'NoError',            '2 days 1 hour'),
	(25, 1, 'type2',   11000, 'Available',   'NoError',            '13 hours 20 minutes'),
	(26, 1, 'type2',   22000, 'Unknown',     'NoError',            '42 minutes'),
	(27, 1, 'ccs2',    50000, 'Charging',    'NoError',            '18 minutes'),
	(27, 2, 'chademo', 50000, 'Available',   'NoError',            '1 hour 55 minutes'),
	(28, 1, 'type2',    7400, 'Available',   'NoError',            '16 hours'),
	(29, 1, 'type2',   11000, 'Available',   'NoError',            '6 hours 25 minutes'),
	(30, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(31, 1, 'type2',   11000, 'Faulted',     'GroundFailure',      '3 hours 3 minutes'),
	(32, 1, 'type2',    3700, 'Available',   'NoError',            '20 hours 45 minutes'),
	(33, 1, 'type2',   11000, 'Available',   'NoError',            '1 day 3 hours'),
	(34, 1, 'type2',    7400, 'Charging',    'NoError',            '1 hour 35 minutes'),
	(35, 1, 'type2',   11000, 'Unknown',     'NoError',            '12 hours 36 minutes'),
	(36, 1, 'type2',   22000, 'Faulted',     'OverCurrentFailure', '7 hours 58 minutes'),
	(37, 1, 'type2',   11000, 'Available',   'NoError',            '2 days 5 hours'),
	(38, 1, 'type2',   22000, 'Available',   'NoError',            '4 hours 30 minutes'),
	(38, 2, 'schuko',   2300, 'Unavailable', 'NoError',            '6 days 2 hours'),
	(39, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(40, 1, 'schuko',   2300, 'Unknown',     'NoError',            '1 day 1 hour 55 minutes'),
	(41, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(42, 1, 'type2',   22000, 'Unknown',     'NoError',            NULL),
	(43, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(44, 1, 'type2',    7400, 'Unknown',     'NoError',            NULL),
	(45, 1, 'type2',   11000, 'Unknown',     'NoError',            NULL),
	(46, 1, 'schuko',   2300, 'Unknown',     'NoError',            NULL),
	(47, 1, 'type2',   11000, 'Unknown',     'NoError',            '9 days 55 minutes')
) AS v (ord, connector_id, type, max_power_w, status, error_code, status_age)
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
ORDER BY v.ord, v.connector_id;

-- ---------------------------------------------------------------- tariffs (haléře)
INSERT INTO tariffs (listing_id, currency, price_per_kwh, idle_fee_per_min, idle_grace_min,
                     session_fee, updated_at)
SELECT l.id, 'CZK', v.price_per_kwh, v.idle_fee_per_min, v.idle_grace_min, v.session_fee, l.created_at
FROM (VALUES
	( 1,  790, 200, 15,    0), ( 2,  890, 200, 15,    0), ( 3,  690,   0,  0,    0),
	( 4,  850, 200, 15,    0), ( 5,  750,   0,  0,    0), ( 6,  650,   0,  0,    0),
	( 7,  690,   0,  0,    0), ( 8,  790, 200, 15,    0), ( 9,  590,   0,  0,    0),
	(10,  720,   0,  0,    0), (11,  950, 300, 15, 2000), (12,  550,   0,  0,    0),
	(13,  700,   0,  0,    0), (14,  760, 200, 15,    0), (15,  820, 200, 15,    0),
	(16,  990,   0,  0, 2000), (17,  650,   0,  0,    0), (18,  690,   0,  0,    0),
	(19,  720,   0,  0,    0), (20,  740, 200, 15,    0), (21,  790, 200, 15,    0),
	(22,  550,   0,  0,    0), (23,  680,   0,  0,    0), (24,  700,   0,  0,    0),
	(25,  640,   0,  0,    0), (26,  720, 200, 15,    0), (27, 1290, 500, 15,    0),
	(28,  620,   0,  0,    0), (29,  660,   0,  0,    0), (30,  600,   0,  0,    0),
	(31,  690,   0,  0,    0), (32,  580,   0,  0,    0), (33,  750, 200, 15,    0),
	(34,  690,   0,  0,    0), (35,  710,   0,  0,    0), (36,  800, 200, 15, 2000),
	(37,  650,   0,  0,    0), (38,  890, 200, 15, 2000), (39,  700,   0,  0,    0),
	(40,  560,   0,  0,    0), (41,  780, 200, 15,    0), (42,  690,   0,  0,    0),
	(43,  720,   0,  0,    0), (44,  650,   0,  0,    0), (45,  700,   0,  0,    0),
	(46,  550,   0,  0,    0), (47,  690,   0,  0,    0)
) AS v (ord, price_per_kwh, idle_fee_per_min, idle_grace_min, session_fee)
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
ORDER BY v.ord;

-- ---------------------------------------------------------------- availability (local time)
-- A window never crosses midnight: "weekdays 18:00–07:00" is 0–420 plus 1080–1440.
--   nonstop  every day all day
--   vecer    Mon–Fri 00:00–07:00 and 18:00–24:00, weekend all day
--   vecer17  Mon–Fri 00:00–06:00 and 17:00–24:00, weekend all day
--   prace    Mon–Fri 07:00–18:00 (the owner's car is away), weekend all day
--   den      every day 06:00–22:00
--   firma    Mon–Fri 07:00–19:00, Sat 08:00–12:00 (business hours)
INSERT INTO availability_windows (listing_id, weekday, start_min, end_min)
SELECT l.id, wd, p.start_min, p.end_min
FROM (VALUES
	( 1, 'prace'),   ( 2, 'nonstop'), ( 3, 'vecer'),   ( 4, 'nonstop'), ( 5, 'den'),
	( 6, 'vecer17'), ( 7, 'vecer'),   ( 8, 'vecer'),   ( 9, 'vecer17'), (10, 'den'),
	(11, 'nonstop'), (12, 'vecer'),   (13, 'nonstop'), (14, 'prace'),   (15, 'nonstop'),
	(16, 'nonstop'), (17, 'vecer'),   (18, 'vecer17'), (19, 'den'),     (20, 'vecer'),
	(21, 'nonstop'), (22, 'vecer'),   (23, 'prace'),   (24, 'vecer17'), (25, 'vecer'),
	(26, 'nonstop'), (27, 'firma'),   (28, 'vecer'),   (29, 'den'),     (30, 'nonstop'),
	(31, 'vecer17'), (32, 'vecer'),   (33, 'nonstop'), (34, 'vecer'),   (35, 'den'),
	(36, 'prace'),   (37, 'vecer'),   (38, 'firma'),   (39, 'nonstop'), (40, 'vecer17'),
	(41, 'vecer'),   (42, 'nonstop'), (43, 'vecer'),   (44, 'den'),     (45, 'vecer'),
	(46, 'vecer'),   (47, 'nonstop')
) AS v (ord, pattern)
JOIN (VALUES
	('nonstop', 1, 7,    0, 1440),
	('vecer',   1, 5,    0,  420), ('vecer',   1, 5, 1080, 1440), ('vecer',   6, 7, 0, 1440),
	('vecer17', 1, 5,    0,  360), ('vecer17', 1, 5, 1020, 1440), ('vecer17', 6, 7, 0, 1440),
	('prace',   1, 5,  420, 1080), ('prace',   6, 7,    0, 1440),
	('den',     1, 7,  360, 1320),
	('firma',   1, 5,  420, 1140), ('firma',   6, 6,  480,  720)
) AS p (pattern, day_from, day_to, start_min, end_min) USING (pattern)
CROSS JOIN LATERAL generate_series(p.day_from, p.day_to) AS wd
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
ORDER BY v.ord, wd, p.start_min;

-- ---------------------------------------------------------------- blocked days (in the future)
INSERT INTO blocked_dates (listing_id, day, reason)
SELECT l.id, (now() AT TIME ZONE 'Europe/Prague')::date + v.days_ahead, v.reason
FROM (VALUES
	( 1,  4, 'Návštěva – stání bude obsazené'),
	( 7,  9, 'Jsme na dovolené, brána bude zamčená'),
	( 7, 10, 'Jsme na dovolené, brána bude zamčená'),
	( 7, 11, 'Jsme na dovolené, brána bude zamčená'),
	(20,  2, 'Revize elektroinstalace'),
	(25,  6, 'Stání potřebujeme pro řemeslníky'),
	(33, 14, 'Rodinná oslava, dvůr bude plný'),
	(36,  5, 'Oprava vjezdu')
) AS v (ord, days_ahead, reason)
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
ORDER BY v.ord, v.days_ahead;

-- ---------------------------------------------------------------- charge points (OCPP)
-- argon2id (ARGON2ID13, OPSLIMIT_MIN/MEMLIMIT_MIN) of "evshare-demo-charger".
-- conn: 'on' online, 'off' silent since last_seen ago (so offline, status Unknown, as the
-- bridge's sweep leaves it), 'never' never connected.
INSERT INTO charge_points (identity, listing_id, password_hash, password_set_at, vendor, model,
                           serial_number, firmware_version, boot_state, last_boot_at,
                           heartbeat_interval, online, last_seen_at, status, error_code, status_at,
                           created_at)
SELECT CASE d.state
           WHEN 'approved' THEN 'DEMO-' || lpad(x.rn::text, 3, '0')
           WHEN 'paused'   THEN 'DEMO-' || lpad((x.n_approved + x.rn)::text, 3, '0')
           ELSE                 'DEMO-P' || lpad(x.rn::text, 2, '0')
       END,
       l.id, h.hash, l.created_at, v.vendor, v.model,
       CASE WHEN v.conn <> 'never'
            THEN upper(left(v.vendor, 3)) || '-' || lpad(((v.ord::bigint * 2654435761) % 1000000)::text, 6, '0')
       END,
       v.firmware,
       CASE WHEN v.conn = 'never' THEN 'never' ELSE 'accepted' END,
       now() - v.boot_age::interval,
       CASE WHEN v.conn <> 'never' THEN 60 END,
       v.conn = 'on',
       now() - v.last_seen::interval,
       CASE WHEN v.conn = 'on' THEN 'Available' ELSE 'Unknown' END,
       'NoError',
       CASE WHEN v.conn = 'on' THEN now() - v.boot_age::interval
            ELSE now() - v.last_seen::interval + interval '5 minutes' END,
       l.created_at
FROM (VALUES
	( 1, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '41 seconds',          '12 days 3 hours'),
	( 2, 'ABB',                'Terra AC',            '1.6.3',      'on',    '1 minute 12 seconds', '34 days 6 hours'),
	( 3, 'Solax',              'X3-HAC',              'V1.2.3',     'on',    '2 minutes 5 seconds', '8 days 11 hours'),
	( 4, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '18 seconds',          '21 days 2 hours'),
	( 5, 'ABB',                'Terra AC',            '1.6.3',      'off',   '2 days 9 hours',      '40 days 1 hour'),
	( 6, 'Wallbox',            'Pulsar Plus',         '5.16.2',     'on',    '3 minutes 40 seconds', '5 days 19 hours'),
	( 7, 'KEBA',               'KC-P30',              '3.10.57',    'on',    '54 seconds',          '17 days 8 hours'),
	( 8, 'Etrel',              'INCH Home',           '5.1.6',      'on',    '27 seconds',          '9 days 22 hours'),
	( 9, 'Solax',              'X1-HAC',              'V1.2.3',     'on',    '1 minute 48 seconds', '26 days 4 hours'),
	(10, 'Alfen',              'Eve Single Pro-line', '6.4.0-4112', 'off',   '5 hours 20 minutes',  '31 days 7 hours'),
	(11, 'ABB',                'Terra AC',            '1.6.3',      'on',    '2 minutes 31 seconds', '14 days 5 hours'),
	(12, 'Elinta',             'HomeBox',             '1.5.4',      'on',    '1 minute 3 seconds',  '44 days 12 hours'),
	(13, 'Wallbox',            'Copper SB',           '6.2.10',     'never', NULL,                  NULL),
	(14, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '36 seconds',          '3 days 14 hours'),
	(15, 'KEBA',               'KC-P30',              '3.10.57',    'on',    '1 minute 20 seconds', '19 days 9 hours'),
	(16, 'Alfen',              'Eve Double Pro-line', '6.4.0-4112', 'on',    '12 seconds',          '52 days 3 hours'),
	(17, 'Wallbox',            'Copper SB',           '6.2.10',     'on',    '2 minutes 44 seconds', '11 days 1 hour'),
	(18, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '58 seconds',          '6 days 16 hours'),
	(19, 'Etrel',              'INCH Home',           '5.1.6',      'off',   '3 days 8 hours',      '29 days 10 hours'),
	(20, 'Schneider Electric', 'EVlink Pro AC',       '3.4.0.12',   'on',    '1 minute 37 seconds', '23 days 5 hours'),
	(21, 'ABB',                'Terra AC',            '1.6.3',      'on',    '22 seconds',          '15 days 20 hours'),
	(22, 'Elinta',             'HomeBox',             '1.5.4',      'on',    '3 minutes 2 seconds', '38 days 2 hours'),
	(23, 'Solax',              'X3-HAC',              'V1.2.3',     'on',    '1 minute 9 seconds',  '7 days 13 hours'),
	(24, 'Alfen',              'Eve Single Pro-line', '6.4.0-4112', 'on',    '46 seconds',          '2 days 23 hours'),
	(25, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '2 minutes 15 seconds', '18 days 6 hours'),
	(26, 'ABB',                'Terra AC',            '1.6.2',      'off',   '47 minutes',          '27 days 4 hours'),
	(27, 'ABB',                'Terra 54',            '1.8.2',      'on',    '9 seconds',           '63 days 8 hours'),
	(28, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '1 minute 51 seconds', '10 days 3 hours'),
	(29, 'KEBA',               'KC-P30',              '3.10.57',    'on',    '33 seconds',          '13 days 15 hours'),
	(30, 'Solax',              'X3-HAC',              'V1.2.3',     'never', NULL,                  NULL),
	(31, 'Schneider Electric', 'EVlink Pro AC',       '3.4.0.12',   'on',    '1 minute 26 seconds', '4 days 18 hours'),
	(32, 'Solax',              'X1-HAC',              'V1.2.3',     'on',    '2 minutes 57 seconds', '22 days 11 hours'),
	(33, 'Etrel',              'INCH Home',           '5.1.6',      'on',    '15 seconds',          '16 days 7 hours'),
	(34, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'on',    '1 minute 2 seconds',  '9 days 4 hours'),
	(35, 'Alfen',              'Eve Single Pro-line', '6.4.0-4112', 'off',   '12 hours 41 minutes', '35 days 9 hours'),
	(36, 'ABB',                'Terra AC',            '1.6.3',      'on',    '2 minutes 20 seconds', '20 days 1 hour'),
	(37, 'KEBA',               'KC-P30',              '3.10.57',    'on',    '49 seconds',          '30 days 6 hours'),
	(38, 'Hager',              'witty park',          '2.1.4',      'on',    '1 minute 30 seconds', '12 days 19 hours'),
	(39, 'Wallbox',            'Copper SB',           '6.2.10',     'never', NULL,                  NULL),
	(40, 'Elinta',             'HomeBox',             '1.5.4',      'off',   '1 day 2 hours',       '47 days 5 hours'),
	(41, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'never', NULL,                  NULL),
	(42, 'ABB',                'Terra AC',            '1.6.3',      'never', NULL,                  NULL),
	(43, 'Solax',              'X3-HAC',              'V1.2.3',     'never', NULL,                  NULL),
	(44, 'Wallbox',            'Pulsar Plus',         '5.17.0',     'never', NULL,                  NULL),
	(45, 'KEBA',               'KC-P30',              '3.10.57',    'never', NULL,                  NULL),
	(47, 'Etrel',              'INCH Home',           '5.1.6',      'off',   '9 days 1 hour',       '58 days 2 hours')
) AS v (ord, vendor, model, firmware, conn, last_seen, boot_age)
JOIN (SELECT ord, row_number() OVER (PARTITION BY state ORDER BY ord) AS rn,
             count(*) FILTER (WHERE state = 'approved') OVER () AS n_approved
      FROM demo_listing WHERE state IN ('approved', 'paused', 'pending')) AS x USING (ord)
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
CROSS JOIN (VALUES
	('$argon2id$v=19$m=8,t=1,p=1$L79QYBJyKRYr7xeR5QgJ6Q$0X1+x4l3ErRUMapulTMo3R5ukqS/CH8MB7MJUuaf5C8')
) AS h (hash)
ORDER BY CASE d.state WHEN 'approved' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END, v.ord;

-- ---------------------------------------------------------------- id tags
INSERT INTO id_tags (id_tag, account_id, status, expires_at, label, created_at)
SELECT v.id_tag, a.id, v.status, now() + v.expires_in::interval, v.label,
       now() - v.age_days * interval '1 day'
FROM (VALUES
	('DEMO-TAG-1',   'driver@evshare.test', 'Accepted', NULL,        'Karta v peněžence',      148),
	('DEMO-TAG-2',   'driver@evshare.test', 'Accepted', NULL,        'Klíčenka',               120),
	('DEMO-TAG-3',   'driver@evshare.test', 'Accepted', NULL,        'Druhá karta (manželka)',  60),
	('DEMO-BLOCKED', NULL,                  'Blocked',  NULL,        'Ztracená karta',         200),
	('DEMO-EXPIRED', NULL,                  'Expired',  '-30 days',  'Karta s prošlou platností', 400)
) AS v (id_tag, email, status, expires_in, label, age_days)
LEFT JOIN accounts a ON a.email = v.email
ORDER BY v.id_tag;

-- ---------------------------------------------------------------- bookings
-- Upcoming ones for driver@ on listings open nonstop and not blocked then; and one past
-- booking that was used (its charging session is below).
INSERT INTO reservations (listing_id, connector_id, driver_id, period, state, id_tag, note,
                          created_at, updated_at)
SELECT l.id, 1, a.id,
       tstzrange((t.day0 + v.from_t::interval) AT TIME ZONE 'Europe/Prague',
                 (t.day0 + v.to_t::interval) AT TIME ZONE 'Europe/Prague', '[)'),
       v.state, 'DEMO-TAG-1', v.note,
       now() - v.booked_ago::interval, now() - v.booked_ago::interval
FROM (VALUES
	( 4, 'confirmed', '1 day',          '18:00', '20:00', 'Přijedu kolem šesté, díky!',                  '2 hours'),
	(15, 'confirmed', '3 days',         '09:00', '11:30', 'Jedu na schůzku do Brna, nabiju a pojedu dál.', '1 day 3 hours'),
	( 8, 'completed', '-5 days',        '18:00', '21:00', NULL,                                          '9 days')
) AS v (ord, state, day_offset, from_t, to_t, note, booked_ago)
CROSS JOIN (SELECT date_trunc('day', now() AT TIME ZONE 'Europe/Prague') AS today) AS t0
CROSS JOIN LATERAL (SELECT t0.today + v.day_offset::interval AS day0) AS t
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
JOIN accounts a ON a.email = 'driver@evshare.test'
ORDER BY v.ord;

-- ---------------------------------------------------------------- charging history (driver@)
-- Past sessions, all stopped, the tariff copied as it was. Placed on a given weekday of an
-- earlier week (week 0 = this week, Monday = day 0) so they fall inside the listing's windows.
INSERT INTO transactions (ocpp_tx_id, charge_point_id, connector_id, listing_id, account_id,
                          reservation_id, id_tag, started_at, meter_start_wh, stopped_at,
                          meter_stop_wh, stop_reason, stop_id_tag, currency, price_per_kwh,
                          idle_fee_per_min, session_fee, created_at)
SELECT v.ocpp_tx_id, cp.id, v.connector_id, l.id, a.id, r.id, v.id_tag,
       s.started_at, v.meter_start_wh, s.started_at + v.duration::interval,
       v.meter_start_wh + v.energy_wh, v.stop_reason,
       CASE WHEN v.stop_reason = 'Local' THEN v.id_tag END,
       t.currency, t.price_per_kwh, t.idle_fee_per_min, t.session_fee, s.started_at
FROM (VALUES
	(1182736455, 8, 1, 'DEMO-TAG-1', NULL, NULL, '18:10', '2 hours 35 minutes',  1843210, 21383, 'EVDisconnected', true),
	(1309847762, 1, 1, 'DEMO-TAG-1', 2,    1,    '09:05', '3 hours 35 minutes',   524118, 31253, 'Local',          false),
	(1467290183, 15, 1, 'DEMO-TAG-2', 3,   4,    '14:20', '1 hour 45 minutes',    977560, 17912, 'EVDisconnected', false),
	(1592038471, 27, 1, 'DEMO-TAG-1', 4,   3,    '10:12', '37 minutes',          2004871, 28412, 'Local',          false),
	(1738492056, 34, 1, 'DEMO-TAG-1', 5,   5,    '19:30', '3 hours 40 minutes',   311402, 24860, 'Remote',         false),
	(1850372914, 4, 1, 'DEMO-TAG-3', 6,    6,    '20:00', '11 hours 10 minutes',  688935, 38640, 'Remote',         false),
	(1903847265, 2, 1, 'DEMO-TAG-2', 7,    2,    '13:00', '2 hours 20 minutes',  1410077, 24120, 'EVDisconnected', false),
	(2017364508, 21, 1, 'DEMO-TAG-1', 8,   0,    '07:40', '1 hour 30 minutes',    259843, 14210, 'Local',          false)
) AS v (ocpp_tx_id, ord, connector_id, id_tag, weeks_ago, weekday0, start_t, duration,
        meter_start_wh, energy_wh, stop_reason, booked)
JOIN demo_listing d USING (ord)
JOIN listings l ON l.address = d.address
JOIN tariffs t ON t.listing_id = l.id
JOIN charge_points cp ON cp.listing_id = l.id
JOIN accounts a ON a.email = 'driver@evshare.test'
LEFT JOIN reservations r ON v.booked AND r.listing_id = l.id AND r.driver_id = a.id
                        AND r.state = 'completed'
CROSS JOIN LATERAL (
	SELECT CASE WHEN v.booked
	            THEN lower(r.period) + interval '10 minutes'
	            ELSE (date_trunc('week', now() AT TIME ZONE 'Europe/Prague')
	                  - v.weeks_ago * interval '1 week' + v.weekday0 * interval '1 day'
	                  + v.start_t::interval) AT TIME ZONE 'Europe/Prague'
	       END AS started_at
) AS s
ORDER BY s.started_at;

COMMIT;
