<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <form method="get" action="/admin/audit" class="search-form" role="search">
  <label for="f-action"><?cs var:L.Owner.Action ?> <input id="f-action" name="action" value="<?cs var:Form.action ?>" placeholder="listing.approve"></label>
  <label for="f-actor"><?cs var:L.Admin.Actor ?> <input id="f-actor" name="actor" value="<?cs var:Form.actor ?>" type="email"></label>
  <label for="f-target_type"><?cs var:L.Admin.TargetType ?> <select id="f-target_type" name="target_type"><option value=""><?cs var:L.Admin.AnyState ?></option>
   <option value="listing"<?cs if:Form.target_type == "listing" ?> selected<?cs /if ?>>listing</option>
   <option value="account"<?cs if:Form.target_type == "account" ?> selected<?cs /if ?>>account</option></select></label>
  <label for="f-target_id"><?cs var:L.Admin.TargetId ?> <input id="f-target_id" name="target_id" value="<?cs var:Form.target_id ?>" inputmode="numeric" size="8"></label>
  <button type="submit" class="btn"><?cs var:L.Admin.Find ?></button>
 </form>
 <?cs if:Audit.N == "0" ?><p class="card empty-state"><?cs var:L.Admin.NothingFound ?></p><?cs else ?>
 <div class="table-wrap"><table class="data audit">
  <thead><tr><th><?cs var:L.Owner.When ?></th><th><?cs var:L.Admin.Actor ?></th><th><?cs var:L.Owner.Action ?></th><th><?cs var:L.Admin.Target ?></th><th><?cs var:L.Admin.Reason ?></th><th>IP</th></tr></thead>
  <tbody><?cs each:a = Audit ?><?cs if:a.C0 ?><tr><td><?cs var:a.C0 ?></td><td><?cs var:a.C1 ?></td><td><code><?cs var:a.C2 ?></code></td>
   <td><?cs if:a.C3 == "listing" ?><a href="/admin/listings/<?cs var:a.C4 ?>"><?cs var:a.C3 ?> <?cs var:a.C4 ?></a><?cs else ?><?cs var:a.C3 ?> <?cs var:a.C4 ?><?cs /if ?></td>
   <td><?cs var:a.C5 ?></td><td><?cs var:a.C6 ?></td></tr><?cs /if ?><?cs /each ?></tbody>
 </table></div><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
