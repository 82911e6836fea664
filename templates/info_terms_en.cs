<?cs include:"header.cs" ?>
<main class="info-page">
 <h1>Terms of use</h1>
 <p class="muted">In force from 1 January 2027 for the evshare service at <?cs var:Info.PublicUrl ?>.</p>

 <h2>1. What evshare is</h2>
 <p>evshare is a platform on which people ("hosts") offer their home chargers for charging electric cars, and drivers find them on a map, book, charge and pay. The operator of evshare arranges the contact, bookings and payments; it neither owns nor runs the chargers. The contract for a charging session is between the driver and the host.</p>

 <h2>2. Your account</h2>
 <ul>
  <li>You must be 18 or older to open an account. Give true details and an e-mail address that works.</li>
  <li>Keep your password secret; you are responsible for what is done with your account. Tell us at once if you suspect misuse.</li>
  <li>You can delete your account at any time in your account settings. Your personal data is erased; payment and charging records stay, anonymised, for accounting.</li>
  <li>We may suspend an account or a listing that breaks these terms or the law, endangers safety or harms others. We tell you why.</li>
 </ul>

 <h2>3. For drivers</h2>
 <ul>
  <li>The price per kWh and any idle or session fees are shown with each charger. The price is fixed when the session starts.</li>
  <li>You pay from a prepaid wallet that you top up through the GoPay payment gateway. The energy measured by the charger's meter is what you pay for.</li>
  <li>When a session starts an amount is held in your wallet; when it ends the actual energy is charged and the rest is released.</li>
  <li>Keep to your booking: charge only in the booked time and free the space when done. Follow the host's access instructions.</li>
  <li>Use only an undamaged cable and a car in good order. Report a faulty charger to the host and to us.</li>
 </ul>

 <h2>4. For hosts</h2>
 <ul>
  <li>List only a charger you have the right to offer (you own it, or the owner and the building's manager agree).</li>
  <li>You are responsible for the charger and the wiring being sound, inspected as Czech regulations require (revize), and safe for the public.</li>
  <li>Keep the listing true (location, connectors, power, price, hours). A new title, description or location is checked by an admin before it is published.</li>
  <li>From every paid session evshare keeps a fee of <?cs var:Info.FeePercent ?> % of the price; the rest is yours. Your earnings are shown with your chargers.</li>
  <li>Taxes and other duties on your income (income tax, VAT where it applies) are yours to meet.</li>
 </ul>

 <h2>5. Liability</h2>
 <p>The host is responsible for the charger's condition and safety, the driver for the car and its charging cable. The operator is responsible for the platform working and for correct billing. We aim to run the service without interruption, but cannot promise that a charger will be available or working at a given time.</p>

 <h2>6. Complaints and disputes</h2>
 <p>If you disagree with a bill or something went wrong, write to us within 30 days (see <a href="/contact">Contact</a>). We settle a complaint within 30 days at the latest. A consumer may also turn to the Czech Trade Inspection Authority (<a href="https://www.coi.cz">www.coi.cz</a>), the body for out-of-court settlement of consumer disputes. These terms are governed by Czech law.</p>

 <h2>7. Changes to these terms</h2>
 <p>We tell you about a change by e-mail at least 14 days before it applies. If you do not agree, you can delete your account.</p>
</main>
<?cs include:"footer.cs" ?>
