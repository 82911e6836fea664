<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <?cs call:flash() ?>
 <h2><?cs var:L.Admin.QueueTitle ?></h2>
 <?cs if:Queue.N == "0" ?><p class="card empty-state"><?cs var:L.Admin.QueueEmpty ?></p><?cs else ?>
 <form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="queue">
  <?cs call:ferr("id") ?>
  <div class="table-wrap"><table class="data queue">
   <thead><tr><th><span class="visually-hidden"><?cs var:L.Owner.Select ?></span></th><th><?cs var:L.Owner.Charger ?></th><th><?cs var:L.Admin.Owner ?></th><th><?cs var:L.Charger.Connectors ?></th><th class="num"><?cs var:L.Charger.Price ?></th><th><?cs var:L.Admin.Submitted ?></th></tr></thead>
   <tbody><?cs each:l = Queue ?><?cs if:l.C0 ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.C0 ?>" aria-label="<?cs var:l.C1 ?>"></td>
    <td><a href="/admin/listings/<?cs var:l.C0 ?>"><?cs var:l.C1 ?></a><br><small class="muted"><?cs var:l.C3 ?>, <?cs var:l.C2 ?> (<?cs var:l.C10 ?>, <?cs var:l.C11 ?>)</small></td>
    <td><?cs var:l.C4 ?><br><small class="muted"><?cs var:l.C5 ?></small></td>
    <td><?cs var:l.Connectors ?></td><td class="num"><?cs var:l.Price ?></td><td><?cs var:l.C6 ?></td>
   </tr><?cs /if ?><?cs /each ?></tbody>
  </table></div>
  <?cs call:reason_field() ?>
  <div class="actions">
   <button type="submit" name="action" value="approve" class="btn btn-primary"><?cs var:L.Admin.Approve ?></button>
   <button type="submit" name="action" value="reject" class="btn btn-danger"><?cs var:L.Admin.Reject ?></button>
  </div>
 </form><?cs /if ?>
 <h2 id="revisions"><?cs var:L.Admin.RevisionsTitle ?></h2>
 <?cs if:Revisions.N == "0" ?><p class="muted" id="revisions-empty"><?cs var:L.Admin.RevisionsEmpty ?></p><?cs else ?>
 <p class="muted"><?cs var:L.Admin.RevisionText ?></p>
 <form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="queue">
  <div class="table-wrap"><table class="data queue revisions">
   <thead><tr><th><span class="visually-hidden"><?cs var:L.Owner.Select ?></span></th><th><?cs var:L.Admin.RevisionPublic ?></th><th><?cs var:L.Admin.RevisionNew ?></th><th><?cs var:L.Admin.Owner ?></th><th><?cs var:L.Admin.Submitted ?></th></tr></thead>
   <tbody><?cs each:l = Revisions ?><?cs if:l.C0 ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.C0 ?>" aria-label="<?cs var:l.C1 ?>"></td>
    <td><a href="/admin/listings/<?cs var:l.C0 ?>#revision"><?cs var:l.C12 ?></a><br><small class="muted"><?cs var:l.C14 ?>, <?cs var:l.C15 ?> (<?cs var:l.C16 ?>, <?cs var:l.C17 ?>)</small></td>
    <td><strong<?cs if:l.C1 != l.C12 ?> class="changed"<?cs /if ?>><?cs var:l.C1 ?></strong><br><small<?cs if:l.C3 != l.C14 || l.C2 != l.C15 || l.C10 != l.C16 || l.C11 != l.C17 ?> class="changed"<?cs /if ?>><?cs var:l.C3 ?>, <?cs var:l.C2 ?> (<?cs var:l.C10 ?>, <?cs var:l.C11 ?>)</small><?cs if:l.C13 != l.C18 ?><br><small class="changed"><?cs var:L.Admin.DescriptionChanged ?></small><?cs /if ?></td>
    <td><?cs var:l.C4 ?><br><small class="muted"><?cs var:l.C5 ?></small></td>
    <td><?cs var:l.C6 ?></td>
   </tr><?cs /if ?><?cs /each ?></tbody>
  </table></div>
  <label for="f-reason-revision"><?cs var:L.Admin.Reason ?>
   <input id="f-reason-revision" name="reason"></label><?cs if:Queue.N == "0" ?><?cs call:ferr("reason") ?><?cs call:ferr("id") ?><?cs /if ?>
  <div class="actions">
   <button type="submit" name="action" value="approve" class="btn btn-primary"><?cs var:L.Admin.ApproveChange ?></button>
   <button type="submit" name="action" value="reject" class="btn btn-danger"><?cs var:L.Admin.RejectChange ?></button>
  </div>
 </form><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
