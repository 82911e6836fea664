<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <?cs call:admin_nav() ?>
 <h1><?cs var:Listing.0.C1 ?></h1>
 <p><span class="state state-<?cs var:Listing.0.C5 ?>"><?cs var:L.ListingState[Listing.0.C5] ?></span><?cs if:Listing.0.C6 ?> <small class="muted"><?cs var:Listing.0.C6 ?></small><?cs /if ?></p>
 <dl class="facts">
  <dt><?cs var:L.Admin.Owner ?></dt><dd><?cs var:Listing.0.C8 ?> &lt;<?cs var:Listing.0.C9 ?>&gt;</dd>
  <dt><?cs var:L.Charger.Address ?></dt><dd><?cs var:Listing.0.C3 ?>, <?cs var:Listing.0.C4 ?></dd>
  <dt><?cs var:L.Owner.FAccess ?></dt><dd><?cs var:Listing.0.C17 ?></dd>
  <dt><?cs var:L.Owner.Identity ?></dt><dd><code><?cs var:Listing.0.C11 ?></code> — <?cs if:Listing.0.C12 == "t" ?><?cs var:L.Live.connected ?><?cs else ?><?cs var:L.Live.disconnected ?><?cs /if ?> <?cs var:Listing.0.C13 ?></dd>
  <dt><?cs var:L.Owner.Vendor ?></dt><dd><?cs var:Listing.0.C14 ?> <?cs var:Listing.0.C15 ?> <?cs var:Listing.0.C16 ?></dd>
 </dl>
 <?cs if:Listing.0.C2 ?><p class="description"><?cs var:Listing.0.C2 ?></p><?cs /if ?>
 <?cs set:st = Listing.0.C5 ?><?cs set:rv = Listing.0.C18 ?>
 <?cs if:rv ?><section class="card revision" id="revision">
  <h2><?cs if:rv == "pending" ?><?cs var:L.Admin.RevisionTitle ?><?cs else ?><?cs var:L.Admin.RevisionRejected ?><?cs /if ?></h2>
  <p class="muted"><?cs var:L.Admin.RevisionText ?></p>
  <div class="table-wrap"><table class="data revision-diff">
   <thead><tr><th></th><th><?cs var:L.Admin.RevisionPublic ?></th><th><?cs var:L.Admin.RevisionNew ?></th></tr></thead>
   <tbody>
    <tr<?cs if:Listing.0.C1 != Listing.0.C19 ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FTitle ?></th><td><?cs var:Listing.0.C1 ?></td><td><?cs var:Listing.0.C19 ?></td></tr>
    <tr<?cs if:Listing.0.C2 != Listing.0.C20 ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FDescription ?></th><td class="description"><?cs var:Listing.0.C2 ?></td><td class="description"><?cs var:Listing.0.C20 ?></td></tr>
    <tr<?cs if:Listing.0.C3 != Listing.0.C21 ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FAddress ?></th><td><?cs var:Listing.0.C3 ?></td><td><?cs var:Listing.0.C21 ?></td></tr>
    <tr<?cs if:Listing.0.C4 != Listing.0.C22 ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FCity ?></th><td><?cs var:Listing.0.C4 ?></td><td><?cs var:Listing.0.C22 ?></td></tr>
    <tr<?cs if:Listing.0.C26 != Listing.0.C23 || Listing.0.C27 != Listing.0.C24 ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Admin.Pin ?></th><td><?cs var:Listing.0.C26 ?>, <?cs var:Listing.0.C27 ?></td><td><?cs var:Listing.0.C23 ?>, <?cs var:Listing.0.C24 ?></td></tr>
   </tbody>
  </table></div>
  <?cs if:rv == "rejected" && Listing.0.C25 ?><p><?cs var:L.Owner.Reason ?> <?cs var:Listing.0.C25 ?></p><?cs /if ?>
 </section><?cs /if ?>
 <?cs if:st != "deleted" && st != "draft" ?><form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="list"><input type="hidden" name="id" value="<?cs var:Listing.0.C0 ?>">
  <?cs call:reason_field() ?>
  <div class="actions" id="listing-actions"><?cs # only the moves admin.c allows from this state ?>
   <?cs if:st == "pending" || rv == "pending" ?><button type="submit" name="action" value="approve" class="btn btn-primary"><?cs if:rv == "pending" ?><?cs var:L.Admin.ApproveChange ?><?cs else ?><?cs var:L.Admin.Approve ?><?cs /if ?></button>
   <button type="submit" name="action" value="reject" class="btn"><?cs if:rv == "pending" ?><?cs var:L.Admin.RejectChange ?><?cs else ?><?cs var:L.Admin.Reject ?><?cs /if ?></button><?cs /if ?>
   <?cs if:st == "approved" || st == "paused" || st == "pending" ?><button type="submit" name="action" value="suspend" class="btn btn-danger"><?cs var:L.Admin.Suspend ?></button><?cs /if ?>
   <?cs if:st == "suspended" || st == "rejected" ?><button type="submit" name="action" value="restore" class="btn btn-primary"><?cs var:L.Admin.Restore ?></button><?cs /if ?>
  </div>
 </form><?cs else ?><p class="muted" id="listing-actions"><?cs var:L.Admin.NoActions ?></p><?cs /if ?>
 <h2><?cs var:L.Admin.Messages ?></h2>
 <?cs if:Messages.N == "0" ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data ocpp-messages"><tbody>
 <?cs each:m = Messages ?><?cs if:m.C0 ?><tr><td><?cs var:m.C0 ?></td><td><?cs var:m.C1 ?></td><td><?cs var:m.C2 ?></td><td><?cs var:m.C3 ?></td><td><code><?cs var:m.C4 ?></code></td><td><code><?cs var:m.C5 ?></code></td></tr><?cs /if ?><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Owner.Commands ?></h2>
 <?cs if:Commands.N == "0" ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data ocpp-commands"><tbody>
 <?cs each:m = Commands ?><?cs if:m.C0 ?><tr><td><?cs var:m.C0 ?></td><td><?cs var:m.C1 ?></td><td><?cs var:L.CmdState[m.C2] ?></td><td><code><?cs var:m.C3 ?></code></td><td><code><?cs var:m.C4 ?></code></td><td><?cs var:m.C5 ?></td></tr><?cs /if ?><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Admin.Security ?></h2>
 <?cs if:Security.N == "0" ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data security-events"><tbody>
 <?cs each:m = Security ?><?cs if:m.C0 ?><tr><td><?cs var:m.C0 ?></td><td><?cs var:m.C1 ?></td><td><?cs var:m.C2 ?></td><td><?cs var:m.C3 ?></td></tr><?cs /if ?><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Admin.AuditTitle ?></h2>
 <?cs if:Audit.N == "0" ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data audit"><tbody>
 <?cs each:a = Audit ?><?cs if:a.C0 ?><?cs set:dot = string.find(a.C2, ".") ?><?cs set:act = L.AuditAction[string.slice(a.C2, 0, dot) + "_" + string.slice(a.C2, dot + 1, string.length(a.C2))] ?><tr><td class="when"><?cs var:a.C0 ?></td><td class="who"><?cs var:a.C1 ?></td><td><?cs if:act ?><?cs var:act ?><?cs else ?><code><?cs var:a.C2 ?></code><?cs /if ?></td><td class="reason"><?cs var:a.C5 ?></td></tr><?cs /if ?><?cs /each ?>
 </tbody></table></div><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
