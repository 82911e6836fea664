<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="admin-page">
 <h1><?cs var:L.Cards.AdminTitle ?>: <?cs var:Person.Name ?></h1>
 <?cs call:admin_nav() ?>
 <?cs call:flash() ?>
 <p><?cs var:Person.Email ?> · <a href="/admin/audit?target_type=card"><?cs var:L.Admin.AuditTitle ?></a></p>
 <?cs if:subcount(Cards) == 0 ?><p class="card empty-state"><?cs var:L.Cards.None ?></p><?cs else ?>
 <div class="table-wrap"><table class="data cards-table">
  <thead><tr><th><?cs var:L.Cards.Uid ?></th><th><?cs var:L.Cards.Label ?></th><th><?cs var:L.Cards.Status ?></th><th><?cs var:L.Cards.Added ?></th><th></th></tr></thead>
  <tbody><?cs each:c = Cards ?><tr>
   <td><code><?cs var:c.Uid ?></code></td><td><?cs var:c.Label ?></td>
   <td><?cs if:c.Status == "Accepted" ?><span class="status-badge status-available"><?cs var:L.Cards.Accepted ?></span><?cs
    elif:c.Status == "Blocked" ?><span class="status-badge status-offline"><?cs var:L.Cards.Blocked ?></span><?cs
    else ?><span class="status-badge status-offline"><?cs var:L.Cards.Expired ?></span><?cs /if ?><?cs
    if:c.ByAdmin == "t" ?><br><small class="muted"><?cs var:L.Cards.ByAdmin ?></small><?cs /if ?></td>
   <td><?cs var:c.Added ?></td>
   <td class="card-actions"><?cs if:c.Status == "Accepted" || c.Status == "Blocked" ?><form method="post" action="/admin/cards/<?cs var:c.Id ?>" class="inline-form"><?cs call:csrf() ?>
    <label><?cs var:L.Admin.ReasonShort ?> <input name="reason" maxlength="1000"></label>
    <?cs if:c.Status == "Accepted" || c.ByAdmin != "t" ?><button type="submit" name="action" value="block" class="btn btn-small btn-danger"><?cs var:L.Cards.Block ?></button><?cs /if ?>
    <?cs if:c.Status == "Blocked" ?><button type="submit" name="action" value="unblock" class="btn btn-small"><?cs var:L.Cards.Unblock ?></button><?cs /if ?></form><?cs /if ?></td>
  </tr><?cs /each ?></tbody>
 </table></div><?cs call:ferr("reason") ?><?cs /if ?>
</main>
<?cs include:"footer.cs" ?>
