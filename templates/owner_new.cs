<?cs set:Page.Leaflet = 1 ?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="owner-page">
 <p class="crumbs"><a href="/owner"><?cs var:L.Nav.MyChargers ?></a><?cs if:Edit.Id ?> · <a href="/owner/listings/<?cs var:Edit.Id ?>"><?cs var:Form.title ?></a><?cs /if ?></p>
 <h1><?cs if:Edit.Id ?><?cs var:L.Owner.EditTitle ?><?cs else ?><?cs var:L.Owner.NewTitle ?><?cs /if ?></h1>
 <?cs call:flash() ?>
 <?cs if:Edit.Id && (Edit.State == "approved" || Edit.State == "paused") ?><p class="flash flash-warning" id="edit-remoderate"><?cs var:L.Owner.EditRemoderate ?></p><?cs elif:Edit.Id && Edit.State == "rejected" ?><p class="flash flash-warning"><?cs var:L.Owner.EditRejected ?></p><?cs /if ?>
 <?cs if:Revision.State == "pending" ?><p class="flash" id="revision-pending"><?cs var:L.Owner.RevisionPending ?></p><?cs elif:Revision.State == "rejected" ?><p class="flash flash-error" id="revision-rejected"><?cs var:L.Owner.RevisionRejected ?> <?cs var:Revision.Reason ?></p><?cs /if ?>
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
   <div class="windows">
   <?cs each:d = Days ?><?cs set:dn = "d" + d.N ?>
    <label for="f-<?cs var:dn ?>" class="window-day"><span><?cs var:d.Name ?></span>
     <input id="f-<?cs var:dn ?>" type="text" name="<?cs var:dn ?>" value="<?cs var:Form[dn] ?>" placeholder="<?cs var:L.Owner.WindowsPlaceholder ?>" autocomplete="off"<?cs if:Err[dn] ?> aria-invalid="true" aria-describedby="e-<?cs var:dn ?>"<?cs /if ?>></label>
    <?cs call:ferr(dn) ?>
   <?cs /each ?>
   </div>
   <?cs call:textarea("blocked", L.Owner.FBlocked) ?>
   <small class="hint"><?cs var:L.Owner.BlockedHint ?></small>
  </fieldset>
  <fieldset><legend>6. <?cs var:L.Owner.StepBookings ?></legend>
   <label class="check"><input type="radio" name="auto_accept" value="1"<?cs if:Form.auto_accept != "0" ?> checked<?cs /if ?>> <?cs var:L.Owner.AutoAccept ?></label>
   <label class="check"><input type="radio" name="auto_accept" value="0"<?cs if:Form.auto_accept == "0" ?> checked<?cs /if ?>> <?cs var:L.Owner.ManualAccept ?></label>
  </fieldset>
  <button type="submit"><?cs if:Edit.Id ?><?cs var:L.Owner.SaveEdit ?><?cs else ?><?cs var:L.Owner.Submit ?><?cs /if ?></button>
  <small class="hint"><?cs if:Edit.Id ?><?cs var:L.Owner.SaveHint ?><?cs else ?><?cs var:L.Owner.SubmitHint ?><?cs /if ?></small>
 </form>
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/static/js/owner.js?v=<?cs var:Version ?>"></script>
<?cs include:"footer.cs" ?>
