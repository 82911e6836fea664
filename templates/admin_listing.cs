<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <?cs call:admin_nav() ?>
 <h1><?cs var:Listing.0.title ?></h1>
 <p><span class="state state-<?cs var:Listing.0.state ?>"><?cs var:L.ListingState[Listing.0.state] ?></span><?cs if:Listing.0.state_reason ?> <small class="muted"><?cs var:Listing.0.state_reason ?></small><?cs /if ?></p>
 <dl class="facts">
  <dt><?cs var:L.Admin.Owner ?></dt><dd><?cs var:Listing.0.display_name ?> &lt;<?cs var:Listing.0.email ?>&gt;</dd>
  <dt><?cs var:L.Charger.Address ?></dt><dd><?cs var:Listing.0.address ?>, <?cs var:Listing.0.city ?></dd>
  <dt><?cs var:L.Owner.FAccess ?></dt><dd><?cs var:Listing.0.access_instructions ?></dd>
  <dt><?cs var:L.Owner.Identity ?></dt><dd><code><?cs var:Listing.0.identity ?></code> — <?cs if:Listing.0.online == "t" ?><?cs var:L.Live.connected ?><?cs else ?><?cs var:L.Live.disconnected ?><?cs /if ?> <?cs var:Listing.0.last_seen ?></dd>
  <dt><?cs var:L.Owner.Vendor ?></dt><dd><?cs var:Listing.0.vendor ?> <?cs var:Listing.0.model ?> <?cs var:Listing.0.firmware ?></dd>
 </dl>
 <?cs if:Listing.0.description ?><p class="description"><?cs var:Listing.0.description ?></p><?cs /if ?>
 <?cs set:st = Listing.0.state ?><?cs set:rv = Listing.0.rev_state ?>
 <?cs if:rv ?><section class="card revision" id="revision">
  <h2><?cs if:rv == "pending" ?><?cs var:L.Admin.RevisionTitle ?><?cs else ?><?cs var:L.Admin.RevisionRejected ?><?cs /if ?></h2>
  <p class="muted"><?cs var:L.Admin.RevisionText ?></p>
  <div class="table-wrap"><table class="data revision-diff">
   <thead><tr><th></th><th><?cs var:L.Admin.RevisionPublic ?></th><th><?cs var:L.Admin.RevisionNew ?></th></tr></thead>
   <tbody>
    <tr<?cs if:Listing.0.title != Listing.0.rev_title ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FTitle ?></th><td><?cs var:Listing.0.title ?></td><td><?cs var:Listing.0.rev_title ?></td></tr>
    <tr<?cs if:Listing.0.description != Listing.0.rev_description ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FDescription ?></th><td class="description"><?cs var:Listing.0.description ?></td><td class="description"><?cs var:Listing.0.rev_description ?></td></tr>
    <tr<?cs if:Listing.0.address != Listing.0.rev_address ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FAddress ?></th><td><?cs var:Listing.0.address ?></td><td><?cs var:Listing.0.rev_address ?></td></tr>
    <tr<?cs if:Listing.0.city != Listing.0.rev_city ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Owner.FCity ?></th><td><?cs var:Listing.0.city ?></td><td><?cs var:Listing.0.rev_city ?></td></tr>
    <tr<?cs if:Listing.0.lat != Listing.0.rev_lat || Listing.0.lon != Listing.0.rev_lon ?> class="changed"<?cs /if ?>><th scope="row"><?cs var:L.Admin.Pin ?></th><td><?cs var:Listing.0.lat ?>, <?cs var:Listing.0.lon ?></td><td><?cs var:Listing.0.rev_lat ?>, <?cs var:Listing.0.rev_lon ?></td></tr>
   </tbody>
  </table></div>
  <?cs if:rv == "rejected" && Listing.0.rev_reason ?><p><?cs var:L.Owner.Reason ?> <?cs var:Listing.0.rev_reason ?></p><?cs /if ?>
 </section><?cs /if ?>
 <?cs if:st != "deleted" && st != "draft" ?><form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="list"><input type="hidden" name="id" value="<?cs var:Listing.0.id ?>">
  <?cs call:reason_field() ?>
  <div class="actions" id="listing-actions"><?cs # only the moves admin.c allows from this state ?>
   <?cs if:st == "pending" || rv == "pending" ?><button type="submit" name="action" value="approve" class="btn btn-primary"><?cs if:rv == "pending" ?><?cs var:L.Admin.ApproveChange ?><?cs else ?><?cs var:L.Admin.Approve ?><?cs /if ?></button>
   <button type="submit" name="action" value="reject" class="btn"><?cs if:rv == "pending" ?><?cs var:L.Admin.RejectChange ?><?cs else ?><?cs var:L.Admin.Reject ?><?cs /if ?></button><?cs /if ?>
   <?cs if:st == "approved" || st == "paused" || st == "pending" ?><button type="submit" name="action" value="suspend" class="btn btn-danger"><?cs var:L.Admin.Suspend ?></button><?cs /if ?>
   <?cs if:st == "suspended" || st == "rejected" ?><button type="submit" name="action" value="restore" class="btn btn-primary"><?cs var:L.Admin.Restore ?></button><?cs /if ?>
  </div>
 </form><?cs else ?><p class="muted" id="listing-actions"><?cs var:L.Admin.NoActions ?></p><?cs /if ?>
 <h2><?cs var:L.Admin.Messages ?></h2>
 <?cs if:subcount(Messages) == 0 ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data ocpp-messages"><tbody>
 <?cs each:m = Messages ?><tr><td><?cs var:m.at ?></td><td><?cs var:m.direction ?></td><td><?cs var:m.type ?></td><td><?cs var:m.action ?></td><td><code><?cs var:m.payload ?></code></td><td><code><?cs var:m.answer ?></code></td></tr><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Owner.Commands ?></h2>
 <?cs if:subcount(Commands) == 0 ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data ocpp-commands"><tbody>
 <?cs each:m = Commands ?><tr><td><?cs var:m.at ?></td><td><?cs var:m.action ?></td><td><?cs var:L.CmdState[m.state] ?></td><td><code><?cs var:m.payload ?></code></td><td><code><?cs var:m.response ?></code></td><td><?cs var:m.error_code ?></td></tr><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Admin.Security ?></h2>
 <?cs if:subcount(Security) == 0 ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data security-events"><tbody>
 <?cs each:m = Security ?><tr><td><?cs var:m.at ?></td><td><?cs var:m.kind ?></td><td><?cs var:m.remote_addr ?></td><td><?cs var:m.detail ?></td></tr><?cs /each ?>
 </tbody></table></div><?cs /if ?>
 <h2><?cs var:L.Admin.AuditTitle ?></h2>
 <?cs if:subcount(Audit) == 0 ?><p class="muted"><?cs var:L.Admin.None ?></p><?cs else ?><div class="table-wrap"><table class="data audit"><tbody>
 <?cs each:a = Audit ?><?cs set:dot = string.find(a.action, ".") ?><?cs set:act = L.AuditAction[string.slice(a.action, 0, dot) + "_" + string.slice(a.action, dot + 1, string.length(a.action))] ?><tr><td class="when"><?cs var:a.at ?></td><td class="who"><?cs var:a.actor ?></td><td><?cs if:act ?><?cs var:act ?><?cs else ?><code><?cs var:a.action ?></code><?cs /if ?></td><td class="reason"><?cs var:a.reason ?></td></tr><?cs /each ?>
 </tbody></table></div><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
