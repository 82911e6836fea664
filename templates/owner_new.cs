<?cs set:Page.Leaflet = 1 ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="owner-page">
 <p class="crumbs"><a href="/owner"><?cs var:L.Nav.MyChargers ?></a><?cs if:Edit.Id ?> · <a href="/owner/listings/<?cs var:Edit.Id ?>"><?cs var:Form.title ?></a><?cs /if ?></p>
 <h1><?cs if:Edit.Id ?><?cs var:L.Owner.EditTitle ?><?cs else ?><?cs var:L.Owner.NewTitle ?><?cs /if ?></h1>
 <?cs call:flash() ?>
 <?cs if:Edit.Id && (Edit.State == "approved" || Edit.State == "rejected") ?><p class="flash flash-warning"><?cs var:L.Owner.EditRemoderate ?></p><?cs /if ?>
 <form method="post" action="<?cs if:Edit.Id ?>/owner/listings/<?cs var:Edit.Id ?>/edit<?cs else ?>/owner/listings/new<?cs /if ?>" class="stack listing-form" novalidate>
  <?cs call:csrf() ?>
  <fieldset><legend>1. <?cs var:L.Owner.StepAbout ?></legend>
   <?cs call:input("title", "text", L.Owner.FTitle, "off") ?>
   <?cs call:textarea("description", L.Owner.FDescription) ?>
  </fieldset>
  <fieldset><legend>2. <?cs var:L.Owner.StepWhere ?></legend>
   <?cs call:input("address", "text", L.Owner.FAddress, "street-address") ?>
   <?cs call:input("city", "text", L.Owner.FCity, "address-level2") ?>
   <p class="hint"><?cs var:L.Owner.PinHint ?></p>
   <div id="pin-map" class="pin-map" data-tiles="<?cs var:MapTiles ?>" data-lat="<?cs var:Form.lat ?>" data-lon="<?cs var:Form.lon ?>"></div>
   <div class="row">
    <?cs call:input("lat", "text", L.Owner.FLat, "off") ?>
    <?cs call:input("lon", "text", L.Owner.FLon, "off") ?>
   </div>
   <?cs call:textarea("access", L.Owner.FAccess) ?>
   <small class="hint"><?cs var:L.Owner.AccessHint ?></small>
  </fieldset>
  <fieldset><legend>3. <?cs var:L.Owner.StepConnectors ?></legend>
   <?cs if:Edit.Id ?><ul class="connectors"><?cs each:c = Edit.Connectors ?><li><span class="connector-type"><?cs var:c.Type ?></span> · <?cs var:c.Power ?></li><?cs /each ?></ul>
   <small class="hint"><?cs var:L.Owner.ConnectorsFixed ?></small><?cs else ?>
   <?cs loop:c = 1, 3, 1 ?><?cs set:tn = "c" + c + "_type" ?><?cs set:kn = "c" + c + "_kw" ?>
   <div class="row connector-row">
    <label for="f-<?cs var:tn ?>"><?cs var:L.Owner.FConnector ?> <?cs var:c ?>
     <select id="f-<?cs var:tn ?>" name="<?cs var:tn ?>"><?cs if:c != 1 ?><option value=""><?cs var:L.Owner.NoConnector ?></option><?cs /if ?>
     <?cs each:t = ConnectorTypes ?><option value="<?cs var:t.Value ?>"<?cs if:Form[tn] == t.Value ?> selected<?cs /if ?>><?cs var:t.Label ?></option><?cs /each ?>
     </select></label>
    <?cs call:input(kn, "text", L.Owner.FKw, "off") ?>
   </div><?cs call:ferr(tn) ?>
   <?cs /loop ?><?cs /if ?>
  </fieldset>
  <fieldset><legend>4. <?cs var:L.Owner.StepPrice ?></legend>
   <?cs call:input("price", "text", L.Owner.FPrice, "off") ?>
   <?cs call:input("idle_fee", "text", L.Owner.FIdleFee, "off") ?>
   <?cs call:input("idle_grace", "text", L.Owner.FIdleGrace, "off") ?>
   <?cs call:input("session_fee", "text", L.Owner.FSessionFee, "off") ?>
  </fieldset>
  <fieldset><legend>5. <?cs var:L.Owner.StepWhen ?></legend>
   <p class="hint"><?cs var:L.Owner.WindowsHint ?></p>
   <table class="windows">
   <?cs each:d = Days ?><?cs set:fn = "d" + d.N + "_from" ?><?cs set:tn = "d" + d.N + "_to" ?>
    <tr><th scope="row"><?cs var:d.Name ?></th>
     <td><input type="text" name="<?cs var:fn ?>" value="<?cs var:Form[fn] ?>" placeholder="08:00" size="5" aria-label="<?cs var:d.Name ?> <?cs var:L.Owner.From ?>"></td>
     <td>–</td>
     <td><input type="text" name="<?cs var:tn ?>" value="<?cs var:Form[tn] ?>" placeholder="20:00" size="5" aria-label="<?cs var:d.Name ?> <?cs var:L.Owner.To ?>"<?cs if:Err[tn] ?> aria-invalid="true"<?cs /if ?>></td>
     <td><?cs call:ferr(tn) ?></td></tr>
   <?cs /each ?>
   </table>
   <?cs call:textarea("blocked", L.Owner.FBlocked) ?>
   <small class="hint"><?cs var:L.Owner.BlockedHint ?></small>
  </fieldset>
  <fieldset><legend>6. <?cs var:L.Owner.StepBookings ?></legend>
   <label class="check"><input type="radio" name="auto_accept" value="1"<?cs if:Form.auto_accept != "0" ?> checked<?cs /if ?>> <?cs var:L.Owner.AutoAccept ?></label>
   <label class="check"><input type="radio" name="auto_accept" value="0"<?cs if:Form.auto_accept == "0" ?> checked<?cs /if ?>> <?cs var:L.Owner.ManualAccept ?></label>
  </fieldset>
  <button type="submit"><?cs if:Edit.Id ?><?cs var:L.Owner.SaveEdit ?><?cs else ?><?cs var:L.Owner.Submit ?><?cs /if ?></button>
  <small class="hint"><?cs var:L.Owner.SubmitHint ?></small>
 </form>
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/static/js/owner.js?v=<?cs var:Version ?>"></script>
<?cs include:"footer.cs" ?>
