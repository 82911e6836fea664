<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <?cs call:flash() ?>
 <form method="get" action="/admin/accounts" class="search-form" role="search">
  <label for="f-q"><?cs var:L.Admin.Search ?> <input id="f-q" name="q" value="<?cs var:Form.q ?>" type="search"></label>
  <label for="f-state"><?cs var:L.Owner.State ?> <select id="f-state" name="state"><option value=""><?cs var:L.Admin.AnyState ?></option>
   <?cs each:s = L.AccountState ?><option value="<?cs name:s ?>"<?cs if:Form.state == name(s) ?> selected<?cs /if ?>><?cs var:s ?></option><?cs /each ?></select></label>
  <button type="submit" class="btn"><?cs var:L.Admin.Find ?></button>
 </form>
 <?cs if:subcount(Accounts) == 0 ?><p class="card empty-state"><?cs var:L.Admin.NothingFound ?></p><?cs else ?>
 <form method="post" action="/admin/accounts" class="stack wide">
  <?cs call:csrf() ?>
  <?cs call:ferr("id") ?>
  <div class="table-wrap"><table class="data">
   <thead><tr><th></th><th><?cs var:L.Account.Name ?></th><th><?cs var:L.Account.Email ?></th><th><?cs var:L.Owner.State ?></th><th><?cs var:L.Admin.Roles ?></th><th><?cs var:L.Admin.Since ?></th></tr></thead>
   <tbody><?cs each:a = Accounts ?><tr>
    <td><?cs if:a.id != Me ?><input type="checkbox" name="id" value="<?cs var:a.id ?>" aria-label="<?cs var:a.email ?>"><?cs /if ?></td>
    <td><?cs var:a.display_name ?></td><td><?cs var:a.email ?><?cs if:a.verified == "t" ?> ✓<?cs /if ?></td>
    <td><?cs var:L.AccountState[a.state] ?><?cs if:a.state_reason ?><br><small class="muted"><?cs var:a.state_reason ?></small><?cs /if ?></td>
    <td><?cs if:a.is_owner == "t" ?><?cs var:L.Admin.RoleOwner ?> <?cs /if ?><?cs if:a.is_admin == "t" ?><?cs var:L.Admin.RoleAdmin ?><?cs /if ?></td>
    <td><?cs var:a.since ?> <a href="/admin/accounts/<?cs var:a.id ?>/cards"><?cs var:L.Cards.AdminLink ?></a></td>
   </tr><?cs /each ?></tbody>
  </table></div>
  <?cs call:reason_field() ?>
  <div class="actions">
   <button type="submit" name="action" value="suspend" class="btn btn-danger"><?cs var:L.Admin.Suspend ?></button>
   <button type="submit" name="action" value="restore" class="btn btn-primary"><?cs var:L.Admin.Restore ?></button>
   <button type="submit" name="action" value="grant_admin" class="btn"><?cs var:L.Admin.GrantAdmin ?></button>
   <button type="submit" name="action" value="revoke_admin" class="btn"><?cs var:L.Admin.RevokeAdmin ?></button>
  </div>
 </form><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
