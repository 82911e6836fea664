<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Contact</h1>
 <div class="card emergency">
  <h2>Danger at a charger?</h2>
  <p>Smoke, sparks, a damaged cable or a smell of burning: stop charging at once, do not touch damaged parts and, if it is safe, switch off the charger's circuit breaker. In a fire or if someone is hurt call <strong><a href="tel:112">112</a></strong>. Then tell the host and us.</p>
 </div>
 <dl class="facts">
  <dt>Help for drivers and hosts</dt><dd><a href="mailto:podpora@<?cs var:Info.Host ?>">podpora@<?cs var:Info.Host ?></a> — we answer on working days within 24 hours.</dd>
  <dt>Payments and complaints</dt><dd><a href="mailto:platby@<?cs var:Info.Host ?>">platby@<?cs var:Info.Host ?></a> — give the date of the session and the charger's name.</dd>
  <dt>Personal data</dt><dd><a href="mailto:soukromi@<?cs var:Info.Host ?>">soukromi@<?cs var:Info.Host ?></a></dd>
  <dt>A security flaw in the service</dt><dd><a href="mailto:bezpecnost@<?cs var:Info.Host ?>">bezpecnost@<?cs var:Info.Host ?></a> — thank you for reporting it; please do not publish it before we have fixed it.</dd>
 </dl>
 <p>Hosts: how to connect a charger is on the page of each of your listings under <a href="/owner">My chargers</a>.</p>
</main>
<?cs include:"footer.cs" ?>
