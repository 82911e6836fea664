<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Podmínky použití</h1>
 <p class="muted">Platí od 1. 1. 2027 pro službu evshare na adrese <?cs var:Info.PublicUrl ?>.</p>

 <h2>1. Co evshare je</h2>
 <p>evshare je platforma, na které lidé (dále „hostitelé“) nabízejí k nabíjení elektromobilů své domácí nabíječky a řidiči si je mohou najít na mapě, zarezervovat, nabíjet a zaplatit. Provozovatel evshare zprostředkovává spojení, rezervace a platby; sám nabíječky nevlastní ani neprovozuje. Smlouva o nabíjení vzniká mezi řidičem a hostitelem.</p>

 <h2>2. Účet</h2>
 <ul>
  <li>Účet si může založit osoba starší 18 let. Uvádějte pravdivé údaje a platnou e-mailovou adresu.</li>
  <li>Heslo držte v tajnosti; za činnost ze svého účtu odpovídáte. Podezření na zneužití nám hned nahlaste.</li>
  <li>Účet můžete kdykoli smazat v nastavení účtu. Osobní údaje se smažou; záznamy o platbách a nabíjení zůstanou anonymizované kvůli účetnictví.</li>
  <li>Účet nebo nabídku můžeme pozastavit, pokud porušuje tyto podmínky nebo zákon, ohrožuje bezpečnost nebo poškozuje ostatní. Důvod vám sdělíme.</li>
 </ul>

 <h2>3. Pro řidiče</h2>
 <ul>
  <li>Cena za kWh, případné poplatky za stání po dobití a za zahájení nabíjení jsou uvedené u každé nabíječky. Cena se zafixuje v okamžiku zahájení nabíjení.</li>
  <li>Platí se z předplacené peněženky, kterou dobíjíte platbou přes platební bránu GoPay. Účtuje se naměřená energie podle elektroměru nabíječky.</li>
  <li>Při zahájení nabíjení se na peněžence blokuje částka; po skončení se vyúčtuje skutečná spotřeba a zbytek se uvolní.</li>
  <li>Rezervaci dodržujte; nabíjejte jen v rezervovaném čase a po dobití místo uvolněte. Dbejte pokynů hostitele k přístupu.</li>
  <li>Používejte jen nepoškozený kabel a vozidlo v dobrém stavu. Závadu na nabíječce nahlaste hostiteli a nám.</li>
 </ul>

 <h2>4. Pro hostitele</h2>
 <ul>
  <li>Nabízet smíte jen nabíječku, kterou máte právo poskytovat (vlastníte ji, nebo máte souhlas vlastníka a správce objektu).</li>
  <li>Odpovídáte za to, že nabíječka a elektroinstalace jsou v pořádku, mají platnou revizi podle českých předpisů a jsou bezpečné pro veřejnost.</li>
  <li>Údaje nabídky (poloha, konektory, výkon, cena, dostupnost) udržujte pravdivé. Nový název, popis nebo polohu před zveřejněním zkontroluje správce.</li>
  <li>Z každého zaplaceného nabíjení si evshare ponechá poplatek <?cs var:Info.FeePercent ?> % z ceny; zbytek připadne vám. Přehled výdělků najdete u svých nabíječek.</li>
  <li>Daňové a jiné povinnosti z vašich příjmů (např. daň z příjmů, případně DPH) si plníte sami.</li>
 </ul>

 <h2>5. Odpovědnost</h2>
 <p>Za stav a bezpečnost nabíječky odpovídá hostitel, za vozidlo a jeho nabíjecí kabel řidič. Provozovatel odpovídá za fungování platformy a správné vyúčtování. Službu se snažíme provozovat nepřetržitě, ale nemůžeme zaručit, že nabíječka bude v daný čas dostupná nebo funkční.</p>

 <h2>6. Reklamace a spory</h2>
 <p>Pokud nesouhlasíte s vyúčtováním nebo se něco nepovedlo, napište nám do 30 dnů (viz <a href="/contact">Kontakt</a>). Reklamaci vyřídíme nejpozději do 30 dnů. Spotřebitel se může obrátit i na Českou obchodní inspekci (<a href="https://www.coi.cz">www.coi.cz</a>), která je subjektem mimosoudního řešení spotřebitelských sporů. Tyto podmínky se řídí právem České republiky.</p>

 <h2>7. Změny podmínek</h2>
 <p>O změně podmínek vás budeme informovat e-mailem nejméně 14 dní předem. Pokud se změnou nesouhlasíte, můžete účet smazat.</p>
</main>
<?cs include:"footer.cs" ?>
