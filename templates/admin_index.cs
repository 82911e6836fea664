<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <?cs call:flash() ?>
 <h2><?cs var:L.Admin.QueueTitle ?></h2>
 <?cs if:subcount(Queue) == 0 ?><p class="card empty-state"><?cs var:L.Admin.QueueEmpty ?></p><?cs else ?>
 <form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="queue">
  <?cs call:ferr("id") ?>
  <div class="table-wrap"><table class="data queue">
   <thead><tr><th><span class="visually-hidden"><?cs var:L.Owner.Select ?></span></th><th><?cs var:L.Owner.Charger ?></th><th><?cs var:L.Admin.Owner ?></th><th><?cs var:L.Charger.Connectors ?></th><th class="num"><?cs var:L.Charger.Price ?></th><th><?cs var:L.Admin.Submitted ?></th></tr></thead>
   <tbody><?cs each:l = Queue ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.id ?>" aria-label="<?cs var:l.title ?>"></td>
    <td><a href="/admin/listings/<?cs var:l.id ?>"><?cs var:l.title ?></a><br><small class="muted"><?cs var:l.address ?>, <?cs var:l.city ?> (<?cs var:l.lat ?>, <?cs var:l.lon ?>)</small></td>
    <td><?cs var:l.display_name ?><br><small class="muted"><?cs var:l.email ?></small></td>
    <td><?cs var:l.connectors ?></td><td class="num"><?cs var:l.price ?></td><td><?cs var:l.submitted ?></td>
   </tr><?cs /each ?></tbody>
  </table></div>
  <?cs call:reason_field() ?>
  <div class="actions">
   <button type="submit" name="action" value="approve" class="btn btn-primary"><?cs var:L.Admin.Approve ?></button>
   <button type="submit" name="action" value="reject" class="btn btn-danger"><?cs var:L.Admin.Reject ?></button>
  </div>
 </form><?cs /if ?>
 <h2 id="revisions"><?cs var:L.Admin.RevisionsTitle ?></h2>
 <?cs if:subcount(Revisions) == 0 ?><p class="muted" id="revisions-empty"><?cs var:L.Admin.RevisionsEmpty ?></p><?cs else ?>
 <p class="muted"><?cs var:L.Admin.RevisionText ?></p>
 <form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="queue">
  <div class="table-wrap"><table class="data queue revisions">
   <thead><tr><th><span class="visually-hidden"><?cs var:L.Owner.Select ?></span></th><th><?cs var:L.Admin.RevisionPublic ?></th><th><?cs var:L.Admin.RevisionNew ?></th><th><?cs var:L.Admin.Owner ?></th><th><?cs var:L.Admin.Submitted ?></th></tr></thead>
   <tbody><?cs each:l = Revisions ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.id ?>" aria-label="<?cs var:l.title ?>"></td>
    <td><a href="/admin/listings/<?cs var:l.id ?>#revision"><?cs var:l.pub_title ?></a><br><small class="muted"><?cs var:l.pub_address ?>, <?cs var:l.pub_city ?> (<?cs var:l.pub_lat ?>, <?cs var:l.pub_lon ?>)</small></td>
    <td><strong<?cs if:l.title != l.pub_title ?> class="changed"<?cs /if ?>><?cs var:l.title ?></strong><br><small<?cs if:l.address != l.pub_address || l.city != l.pub_city || l.lat != l.pub_lat || l.lon != l.pub_lon ?> class="changed"<?cs /if ?>><?cs var:l.address ?>, <?cs var:l.city ?> (<?cs var:l.lat ?>, <?cs var:l.lon ?>)</small><?cs if:l.pub_description != l.description ?><br><small class="changed"><?cs var:L.Admin.DescriptionChanged ?></small><?cs /if ?></td>
    <td><?cs var:l.display_name ?><br><small class="muted"><?cs var:l.email ?></small></td>
    <td><?cs var:l.submitted ?></td>
   </tr><?cs /each ?></tbody>
  </table></div>
  <label for="f-reason-revision"><?cs var:L.Admin.Reason ?>
   <input id="f-reason-revision" name="reason"></label><?cs if:subcount(Queue) == 0 ?><?cs call:ferr("reason") ?><?cs call:ferr("id") ?><?cs /if ?>
  <div class="actions">
   <button type="submit" name="action" value="approve" class="btn btn-primary"><?cs var:L.Admin.ApproveChange ?></button>
   <button type="submit" name="action" value="reject" class="btn btn-danger"><?cs var:L.Admin.RejectChange ?></button>
  </div>
 </form><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
