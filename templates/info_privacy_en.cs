<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Privacy</h1>
 <p class="muted">How evshare handles your personal data under Regulation (EU) 2016/679 (GDPR) and Czech Act No. 110/2019.</p>

 <h2>Controller</h2>
 <p>The controller is the operator of the evshare service at <?cs var:Info.PublicUrl ?>. For anything about personal data write to <a href="mailto:soukromi@<?cs var:Info.Host ?>">soukromi@<?cs var:Info.Host ?></a>.</p>

 <h2>What we process and why</h2>
 <div class="table-wrap"><table class="data">
  <thead><tr><th>Data</th><th>Purpose</th><th>Legal basis</th><th>How long</th></tr></thead>
  <tbody>
   <tr><td>E-mail, name, phone (optional), language, password (only its hash)</td><td>your account, signing in, messages about bookings and listings</td><td>contract</td><td>until the account is deleted</td></tr>
   <tr><td>Hosts' listings: the charger's address and location, description, prices, hours</td><td>the map and bookings</td><td>contract</td><td>until the listing is deleted</td></tr>
   <tr><td>Bookings, charging sessions (time, energy, price), wallet entries</td><td>billing, complaints, accounting</td><td>contract, legal obligation</td><td>10 years (accounting and tax law), anonymised</td></tr>
   <tr><td>Signed-in devices: IP address, browser, time</td><td>account security, preventing misuse</td><td>legitimate interest</td><td>until signed out, 30 days at most</td></tr>
   <tr><td>Server and charger logs (IP address, OCPP messages)</td><td>operation, security, fixing faults</td><td>legitimate interest</td><td>as a rule 90 days</td></tr>
  </tbody>
 </table></div>
 <p>You enter your card directly at the GoPay payment gateway; we neither see nor store its details.</p>

 <h2>Who receives data</h2>
 <ul>
  <li>The host: the driver's name and booking time; the driver: the host's name, the charger's address and access instructions (only with a booking).</li>
  <li>GoPay s.r.o. (payments), our hosting and e-mail providers, only as far as needed and under a data processing agreement.</li>
  <li>Authorities, only where the law requires it.</li>
 </ul>
 <p>Data is processed within the European Union.</p>

 <h2>Cookies</h2>
 <p>We use only necessary cookies: signing in (ev_s), protecting forms (ev_v) and your chosen language (lang). No advertising or analytics cookies, no tracking across sites.</p>

 <h2>Your rights</h2>
 <p>You may ask for access to your data, its correction, erasure (you can delete your account yourself in <a href="/account">your account</a>), restriction, portability, and object to processing based on legitimate interest. Just write to us; we answer within 30 days. You may complain to the Czech Office for Personal Data Protection (<a href="https://uoou.gov.cz">uoou.gov.cz</a>).</p>
</main>
<?cs include:"footer.cs" ?>
