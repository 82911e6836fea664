<?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs
def:action_option(code, key) ?><option value="<?cs var:code ?>"<?cs if:Form.action == code ?> selected<?cs /if ?>><?cs var:L.AuditAction[key] ?></option><?cs /def ?>
<main class="admin-page">
 <h1><?cs var:L.Admin.Title ?></h1>
 <?cs call:admin_nav() ?>
 <form method="get" action="/admin/audit" class="search-form" role="search">
  <label for="f-action"><?cs var:L.Owner.Action ?> <select id="f-action" name="action"><option value=""><?cs var:L.Admin.AnyState ?></option>
   <?cs call:action_option("listing.approve", "listing_approve") ?>
   <?cs call:action_option("listing.reject", "listing_reject") ?>
   <?cs call:action_option("listing.suspend", "listing_suspend") ?>
   <?cs call:action_option("listing.restore", "listing_restore") ?>
   <?cs call:action_option("account.suspend", "account_suspend") ?>
   <?cs call:action_option("account.restore", "account_restore") ?>
   <?cs call:action_option("account.grant_admin", "account_grant_admin") ?>
   <?cs call:action_option("account.revoke_admin", "account_revoke_admin") ?>
   <?cs call:action_option("account.become_host", "account_become_host") ?>
   <?cs call:action_option("account.delete", "account_delete") ?>
  </select></label>
  <label for="f-actor"><?cs var:L.Admin.Actor ?> <input id="f-actor" name="actor" value="<?cs var:Form.actor ?>" type="email" placeholder="<?cs var:L.Admin.ActorPlaceholder ?>"></label>
  <label for="f-target_type"><?cs var:L.Admin.TargetType ?> <select id="f-target_type" name="target_type"><option value=""><?cs var:L.Admin.AnyState ?></option>
   <option value="listing"<?cs if:Form.target_type == "listing" ?> selected<?cs /if ?>><?cs var:L.AuditKind.listing ?></option>
   <option value="account"<?cs if:Form.target_type == "account" ?> selected<?cs /if ?>><?cs var:L.AuditKind.account ?></option></select></label>
  <label for="f-target_id"><?cs var:L.Admin.TargetId ?> <input id="f-target_id" name="target_id" value="<?cs var:Form.target_id ?>" inputmode="numeric" size="8"></label>
  <button type="submit" class="btn"><?cs var:L.Admin.Find ?></button>
 </form>
 <?cs if:subcount(Audit) == 0 ?><p class="card empty-state"><?cs var:L.Admin.NothingFound ?></p><?cs else ?>
 <div class="table-wrap"><table class="data audit">
  <thead><tr><th><?cs var:L.Owner.When ?></th><th><?cs var:L.Admin.Actor ?></th><th><?cs var:L.Owner.Action ?></th><th><?cs var:L.Admin.Target ?></th><th><?cs var:L.Admin.ReasonShort ?></th><th>IP</th></tr></thead>
  <tbody><?cs each:a = Audit ?><?cs set:dot = string.find(a.action, ".") ?><?cs set:act = L.AuditAction[string.slice(a.action, 0, dot) + "_" + string.slice(a.action, dot + 1, string.length(a.action))] ?><tr><td class="when"><?cs var:a.at ?></td><td class="who"><?cs var:a.actor ?></td>
   <td class="what"><?cs if:act ?><?cs var:act ?><?cs else ?><code><?cs var:a.action ?></code><?cs /if ?></td>
   <td class="target"><?cs if:a.target_type == "listing" ?><a href="/admin/listings/<?cs var:a.target_id ?>"><?cs alt:L.AuditKind[a.target_type] ?><?cs var:a.target_type ?><?cs /alt ?> <?cs var:a.target_id ?></a><?cs else ?><?cs alt:L.AuditKind[a.target_type] ?><?cs var:a.target_type ?><?cs /alt ?> <?cs var:a.target_id ?><?cs /if ?></td>
   <td class="reason"><?cs var:a.reason ?></td><td class="ip"><?cs var:a.ip ?></td></tr><?cs /each ?></tbody>
 </table></div><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
