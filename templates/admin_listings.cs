<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <?cs call:flash() ?>
 <form method="get" action="/admin/listings" class="search-form" role="search">
  <label for="f-q"><?cs var:L.Admin.Search ?> <input id="f-q" name="q" value="<?cs var:Form.q ?>" type="search"></label>
  <label for="f-state"><?cs var:L.Owner.State ?> <select id="f-state" name="state"><option value=""><?cs var:L.Admin.AnyState ?></option>
   <?cs each:s = L.ListingState ?><option value="<?cs name:s ?>"<?cs if:Form.state == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></label>
  <button type="submit" class="btn"><?cs var:L.Admin.Find ?></button>
 </form>
 <?cs if:subcount(Listings) == 0 ?><p class="card empty-state"><?cs var:L.Admin.NothingFound ?></p><?cs else ?>
 <form method="post" action="/admin/listings" class="stack wide">
  <?cs call:csrf() ?><input type="hidden" name="back" value="list">
  <?cs call:ferr("id") ?>
  <div class="table-wrap"><table class="data">
   <thead><tr><th></th><th><?cs var:L.Owner.Charger ?></th><th><?cs var:L.Owner.State ?></th><th><?cs var:L.Admin.Owner ?></th><th><?cs var:L.Owner.Identity ?></th></tr></thead>
   <tbody><?cs each:l = Listings ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.id ?>" aria-label="<?cs var:l.title ?>"></td>
    <td><a href="/admin/listings/<?cs var:l.id ?>"><?cs var:l.title ?></a> <small class="muted"><?cs var:l.city ?></small></td>
    <td><span class="state state-<?cs var:l.state ?>"><?cs var:L.ListingState[l.state] ?></span><?cs if:l.state_reason ?><br><small class="muted"><?cs var:l.state_reason ?></small><?cs /if ?></td>
    <td><?cs var:l.display_name ?><br><small class="muted"><?cs var:l.email ?></small></td>
    <td><code><?cs var:l.identity ?></code> <?cs if:l.online == "t" ?><span class="dot dot-available"></span><?cs /if ?></td>
   </tr><?cs /each ?></tbody>
  </table></div>
  <?cs call:reason_field() ?>
  <div class="actions">
   <button type="submit" name="action" value="approve" class="btn"><?cs var:L.Admin.Approve ?></button>
   <button type="submit" name="action" value="reject" class="btn"><?cs var:L.Admin.Reject ?></button>
   <button type="submit" name="action" value="suspend" class="btn btn-danger"><?cs var:L.Admin.Suspend ?></button>
   <button type="submit" name="action" value="restore" class="btn btn-primary"><?cs var:L.Admin.Restore ?></button>
  </div>
 </form><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
