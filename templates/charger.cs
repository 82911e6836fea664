<?cs set:Page.Leaflet = 1 ?><?cs include:"header.cs" ?>
<main class="charger-page">
 <section class="charger-details">
  <p class="crumbs"><a href="/"><?cs var:L.Nav.Map ?></a><?cs if:Charger.City ?> · <?cs var:Charger.City ?><?cs /if ?></p>
  <h1><?cs var:Charger.Title ?></h1>
  <p><span class="status-badge status-<?cs var:Charger.Status ?>"><?cs var:L.Status[Charger.Status] ?></span>
   <?cs if:Charger.LastSeen ?><span class="muted"><?cs var:L.Charger.LastSeen ?> <?cs var:Charger.LastSeen ?></span><?cs /if ?></p>
  <?cs if:Charger.Description ?><p class="description"><?cs var:Charger.Description ?></p><?cs /if ?>
  <dl>
   <dt><?cs var:L.Charger.Address ?></dt><dd><?cs var:Charger.Address ?></dd>
   <dt><?cs var:L.Charger.Price ?></dt><dd><strong><?cs var:Charger.Price ?></strong> / kWh</dd>
   <?cs if:Charger.IdleFee ?><dt><?cs var:L.Charger.IdleFee ?></dt><dd><?cs var:Charger.IdleFee ?> / min <span class="muted">(<?cs var:L.Charger.IdleAfter ?> <?cs var:Charger.IdleGrace ?> min)</span></dd><?cs /if ?>
   <?cs if:Charger.SessionFee ?><dt><?cs var:L.Charger.SessionFee ?></dt><dd><?cs var:Charger.SessionFee ?></dd><?cs /if ?>
   <dt><?cs var:L.Charger.Host ?></dt><dd><?cs var:Charger.Owner ?></dd>
   <dt><?cs var:L.Charger.Booking ?></dt><dd><?cs if:Charger.AutoAccept == "1" ?><?cs var:L.Charger.AutoAccept ?><?cs else ?><?cs var:L.Charger.ManualAccept ?><?cs /if ?></dd>
  </dl>
  <h2><?cs var:L.Charger.Connectors ?></h2>
  <ul class="connectors">
   <?cs each:c = Charger.Connectors ?><li><span class="connector-type"><?cs var:c.Type ?></span> · <?cs var:c.Power ?>
    <span class="status-badge status-<?cs var:L.StatusClass[c.Status] ?>"><?cs var:L.Connector[c.Status] ?></span></li>
   <?cs /each ?>
  </ul>
  <h2><?cs var:L.Charger.Availability ?></h2>
  <?cs if:Charger.HasWeek == "1" ?>
  <table class="availability data">
   <tbody>
   <?cs each:d = Charger.Week ?><tr><th scope="row"><?cs var:d.Day ?></th><td<?cs if:d.Hours ?> class="free"><?cs var:d.Hours ?><?cs else ?> class="muted"><?cs var:L.Charger.Closed ?><?cs /if ?></td></tr>
   <?cs /each ?>
   </tbody>
  </table>
  <?cs else ?><p class="muted"><?cs var:L.Charger.NoWindows ?></p><?cs /if ?>
 </section>
 <aside class="charger-map">
  <div id="minimap" data-lat="<?cs var:Charger.Lat ?>" data-lon="<?cs var:Charger.Lon ?>" data-status="<?cs var:Charger.Status ?>" data-tiles="<?cs var:MapTiles ?>"></div>
 </aside>
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/static/js/charger.js?v=<?cs var:Version ?>"></script>
<?cs include:"footer.cs" ?>
