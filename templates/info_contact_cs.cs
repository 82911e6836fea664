<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Kontakt</h1>
 <div class="card emergency">
  <h2>Nebezpečí u nabíječky?</h2>
  <p>Kouř, jiskření, poškozený kabel nebo zápach spáleniny: nabíjení hned ukončete, nesahejte na poškozené části, a je-li to bezpečné, vypněte jistič nabíječky. Při požáru nebo zranění volejte <strong><a href="tel:112">112</a></strong>. Potom dejte vědět hostiteli a nám.</p>
 </div>
 <dl class="facts">
  <dt>Podpora pro řidiče i hostitele</dt><dd><a href="mailto:podpora@<?cs var:Info.Host ?>">podpora@<?cs var:Info.Host ?></a> — odpovídáme v pracovní dny do 24 hodin.</dd>
  <dt>Platby a reklamace</dt><dd><a href="mailto:platby@<?cs var:Info.Host ?>">platby@<?cs var:Info.Host ?></a> — uveďte datum nabíjení a název nabíječky.</dd>
  <dt>Osobní údaje</dt><dd><a href="mailto:soukromi@<?cs var:Info.Host ?>">soukromi@<?cs var:Info.Host ?></a></dd>
  <dt>Bezpečnostní chyba v aplikaci</dt><dd><a href="mailto:bezpecnost@<?cs var:Info.Host ?>">bezpecnost@<?cs var:Info.Host ?></a> — děkujeme za ohlášení; než chybu opravíme, nezveřejňujte ji.</dd>
 </dl>
 <p>Hostitelé: jak nabíječku připojit, najdete na stránce každé své nabídky v části <a href="/owner">Moje nabíječky</a>.</p>
</main>
<?cs include:"footer.cs" ?>
