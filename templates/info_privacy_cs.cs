<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Ochrana osobních údajů</h1>
 <p class="muted">Jak evshare zachází s vašimi osobními údaji podle nařízení (EU) 2016/679 (GDPR) a zákona č. 110/2019 Sb.</p>

 <h2>Správce</h2>
 <p>Správcem údajů je provozovatel služby evshare na adrese <?cs var:Info.PublicUrl ?>. Ve věcech osobních údajů nám pište na <a href="mailto:soukromi@<?cs var:Info.Host ?>">soukromi@<?cs var:Info.Host ?></a>.</p>

 <h2>Jaké údaje zpracováváme a proč</h2>
 <div class="table-wrap"><table class="data">
  <thead><tr><th>Údaje</th><th>Účel</th><th>Právní základ</th><th>Jak dlouho</th></tr></thead>
  <tbody>
   <tr><td>E-mail, jméno, telefon (nepovinný), jazyk, heslo (jen jeho otisk)</td><td>vedení účtu, přihlášení, zprávy o rezervacích a nabídkách</td><td>plnění smlouvy</td><td>do smazání účtu</td></tr>
   <tr><td>Nabídky hostitelů: adresa a poloha nabíječky, popis, ceny, dostupnost</td><td>zobrazení na mapě a rezervace</td><td>plnění smlouvy</td><td>do smazání nabídky</td></tr>
   <tr><td>Rezervace, nabíjení (čas, energie, cena), pohyby v peněžence</td><td>vyúčtování, reklamace, účetnictví</td><td>plnění smlouvy, právní povinnost</td><td>10 let (účetní a daňové předpisy), anonymizované</td></tr>
   <tr><td>Přihlášená zařízení: IP adresa, prohlížeč, čas</td><td>bezpečnost účtu, ochrana před zneužitím</td><td>oprávněný zájem</td><td>do odhlášení, nejvýše 30 dní</td></tr>
   <tr><td>Záznamy serveru a nabíječek (IP adresa, zprávy OCPP)</td><td>provoz, bezpečnost, řešení poruch</td><td>oprávněný zájem</td><td>zpravidla 90 dní</td></tr>
  </tbody>
 </table></div>
 <p>Platební kartu zadáváte přímo u platební brány GoPay; její údaje nevidíme ani neukládáme.</p>

 <h2>Komu údaje předáváme</h2>
 <ul>
  <li>Hostiteli: jméno řidiče a čas rezervace; řidiči: jméno hostitele, adresu nabíječky a pokyny k přístupu (jen s rezervací).</li>
  <li>GoPay s.r.o. (platby), poskytovateli hostingu a odesílání e-mailů, vždy jen v nutném rozsahu a na základě smlouvy o zpracování.</li>
  <li>Úřadům, jen pokud to ukládá zákon.</li>
 </ul>
 <p>Údaje zpracováváme v Evropské unii.</p>

 <h2>Cookies</h2>
 <p>Používáme jen nezbytné cookies: přihlášení (ev_s), ochranu formulářů (ev_v) a zvolený jazyk (lang). Žádné reklamní ani analytické cookies, žádné sledování napříč weby.</p>

 <h2>Vaše práva</h2>
 <p>Máte právo na přístup k údajům, jejich opravu, výmaz (účet smažete sami v <a href="/account">nastavení účtu</a>), omezení zpracování, přenositelnost a právo vznést námitku proti zpracování na základě oprávněného zájmu. Stačí nám napsat; odpovíme do 30 dnů. Stížnost můžete podat u Úřadu pro ochranu osobních údajů (<a href="https://uoou.gov.cz">uoou.gov.cz</a>).</p>
</main>
<?cs include:"footer.cs" ?>
