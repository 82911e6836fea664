<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="owner-page owner-listing">
 <p class="crumbs"><a href="/owner"><?cs var:L.Nav.MyChargers ?></a></p>
 <h1><?cs var:Listing.Title ?></h1>
 <?cs call:flash() ?>
 <p><span class="state state-<?cs var:Listing.State ?>" id="listing-state"><?cs var:L.ListingState[Listing.State] ?></span>
  <?cs if:Listing.State == "approved" ?> <a href="/chargers/<?cs var:Listing.Id ?>"><?cs var:L.Owner.PublicPage ?></a><?cs /if ?></p>
 <?cs if:Listing.Reason && (Listing.State == "rejected" || Listing.State == "suspended") ?><p class="flash flash-error"><?cs var:L.Owner.Reason ?> <?cs var:Listing.Reason ?></p><?cs /if ?>
 <?cs if:Listing.State == "pending" ?><p class="flash"><?cs var:L.Owner.PendingText ?></p><?cs /if ?>
 <?cs if:Revision.State == "pending" ?><p class="flash" id="revision-pending"><?cs var:L.Owner.RevisionPending ?><br><small><?cs var:L.Owner.RevisionNew ?> <strong><?cs var:Revision.Title ?></strong>, <?cs var:Revision.Address ?><?cs if:Revision.City ?>, <?cs var:Revision.City ?><?cs /if ?></small></p><?cs
 elif:Revision.State == "rejected" ?><p class="flash flash-error" id="revision-rejected"><?cs var:L.Owner.RevisionRejected ?> <?cs var:Revision.Reason ?></p><?cs /if ?>

 <section class="card connect">
  <h2><?cs var:L.Owner.Connect ?></h2>
  <p><?cs var:L.Owner.ConnectText ?></p>
  <dl class="facts">
   <dt><?cs var:L.Owner.OcppUrl ?></dt><dd><code id="ocpp-url"><?cs var:Listing.OcppUrl ?></code></dd>
   <dt><?cs var:L.Owner.Identity ?></dt><dd><code id="ocpp-identity"><?cs var:Listing.Identity ?></code></dd>
   <dt><?cs var:L.Owner.Password ?></dt><dd><?cs if:NewPassword ?><code id="ocpp-password"><?cs var:NewPassword ?></code>
    <br><small class="muted"><?cs var:L.Owner.PasswordOnce ?></small><?cs else ?><span class="muted"><?cs if:Listing.PasswordSet == "1" ?><?cs var:L.Owner.PasswordHidden ?><?cs else ?><?cs var:L.Owner.PasswordNone ?><?cs /if ?></span><?cs /if ?></dd>
  </dl>
  <form method="post" action="/owner/listings/<?cs var:Listing.Id ?>/password"><?cs call:csrf() ?>
   <button type="submit" class="btn" id="gen-password"><?cs if:Listing.PasswordSet == "1" ?><?cs var:L.Owner.Regenerate ?><?cs else ?><?cs var:L.Owner.Generate ?><?cs /if ?></button>
   <?cs if:Listing.PasswordSet == "1" ?><small class="muted"><?cs var:L.Owner.RegenerateHint ?></small><?cs /if ?>
  </form>
 </section>

 <section class="card live" id="live" data-src="/owner/listings/<?cs var:Listing.Id ?>/live">
  <h2><?cs var:L.Owner.LiveTitle ?></h2>
  <p><span id="live-state" class="status-badge status-<?cs if:Live.Connected == "1" ?>available<?cs else ?>offline<?cs /if ?>" data-connected="<?cs var:Live.Connected ?>" data-yes="<?cs var:L.Live.connected ?>" data-no="<?cs var:L.Live.disconnected ?>"><?cs if:Live.Connected == "1" ?><?cs var:L.Live.connected ?><?cs else ?><?cs var:L.Live.disconnected ?><?cs /if ?></span></p>
  <dl class="facts">
   <dt><?cs var:L.Owner.LastSeen ?></dt><dd id="live-seen"><?cs var:Live.LastSeen ?></dd>
   <dt><?cs var:L.Owner.Vendor ?></dt><dd id="live-vendor"><?cs var:Live.Vendor ?></dd>
   <dt><?cs var:L.Owner.Model ?></dt><dd id="live-model"><?cs var:Live.Model ?></dd>
   <dt><?cs var:L.Owner.Firmware ?></dt><dd id="live-firmware"><?cs var:Live.Firmware ?></dd>
  </dl>
  <ul class="connectors" id="live-connectors">
   <?cs each:c = Live.Connectors ?><li data-connector="<?cs var:c.Id ?>" data-status="<?cs var:c.Status ?>"><span class="connector-type"><?cs var:c.Id ?> · <?cs var:c.Type ?></span> · <?cs var:c.Power ?>
    <span class="status-badge status-<?cs var:L.StatusClass[c.Status] ?>"><?cs var:L.Connector[c.Status] ?></span></li>
   <?cs /each ?>
  </ul>
  <div class="actions"><form method="post" action="/owner/listings/<?cs var:Listing.Id ?>/test"><?cs call:csrf() ?>
   <button type="submit" class="btn" id="test-connection"><?cs var:L.Owner.Test ?></button></form></div>
  <h3><?cs var:L.Owner.Commands ?></h3>
  <?cs if:Commands.0.Id ?><div class="table-wrap"><table class="data commands" id="live-commands">
   <thead><tr><th><?cs var:L.Owner.When ?></th><th><?cs var:L.Owner.Action ?></th><th><?cs var:L.Owner.Outcome ?></th></tr></thead>
   <tbody><?cs each:c = Commands ?><tr><td><?cs var:c.At ?></td><td><?cs var:c.Action ?></td><td class="cmd-<?cs var:c.State ?>" data-state="<?cs var:c.State ?>"><?cs var:L.CmdState[c.State] ?><?cs if:c.Status ?> (<?cs var:c.Status ?>)<?cs /if ?><?cs if:c.Error ?> <?cs var:c.Error ?><?cs /if ?></td></tr><?cs /each ?></tbody>
  </table></div><?cs else ?><p class="muted" id="live-commands-empty"><?cs var:L.Owner.NoCommands ?></p><?cs /if ?>
 </section>

 <section class="card">
  <h2><?cs var:L.Owner.Details ?></h2>
  <dl class="facts">
   <dt><?cs var:L.Charger.Address ?></dt><dd><?cs var:Listing.Address ?><?cs if:Listing.City ?>, <?cs var:Listing.City ?><?cs /if ?></dd>
   <dt><?cs var:L.Charger.Price ?></dt><dd><?cs var:Listing.Price ?> / kWh</dd>
   <dt><?cs var:L.Owner.FDescription ?></dt><dd class="description"><?cs if:Listing.Description ?><?cs var:Listing.Description ?><?cs else ?>—<?cs /if ?></dd>
   <dt><?cs var:L.Owner.FAccess ?></dt><dd><?cs if:Listing.Access ?><?cs var:Listing.Access ?><?cs else ?>—<?cs /if ?></dd>
   <dt><?cs var:L.Charger.Booking ?></dt><dd><?cs if:Listing.AutoAccept == "1" ?><?cs var:L.Charger.AutoAccept ?><?cs else ?><?cs var:L.Charger.ManualAccept ?><?cs /if ?></dd>
  </dl>
  <div class="actions">
  <?cs if:Listing.State != "suspended" ?><a class="btn" href="/owner/listings/<?cs var:Listing.Id ?>/edit" id="edit-listing"><?cs var:L.Owner.Edit ?></a><?cs /if ?>
  <?cs if:Listing.State == "approved" ?><form method="post" action="/owner/listings/<?cs var:Listing.Id ?>/pause"><?cs call:csrf() ?><button type="submit" class="btn"><?cs var:L.Owner.Pause ?></button></form><?cs /if ?>
  <?cs if:Listing.State == "paused" ?><form method="post" action="/owner/listings/<?cs var:Listing.Id ?>/resume"><?cs call:csrf() ?><button type="submit" class="btn btn-primary"><?cs var:L.Owner.Resume ?></button></form><?cs /if ?>
  </div>
  <form method="post" action="/owner/listings/<?cs var:Listing.Id ?>/delete" class="delete-listing" id="delete-listing" data-confirm="<?cs var:L.Owner.DeleteConfirmJs ?>"><?cs call:csrf() ?>
   <label class="check"><input type="checkbox" name="confirm" value="1" required id="delete-confirm"> <?cs var:L.Owner.DeleteConfirm ?></label>
   <button type="submit" class="btn btn-danger"><?cs var:L.Owner.DeleteListing ?></button>
  </form>
 </section>
</main>
<script src="/static/js/owner.js?v=<?cs var:Version ?>"></script>
<?cs include:"footer.cs" ?>
