<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <h1><?cs var:L.Account.Title ?></h1>
 <?cs call:flash() ?>
 <?cs if:Account.Verified != "1" ?><div class="flash flash-warning"><?cs var:L.Account.NotVerified ?> <?cs var:Account.Email ?>
  <form method="post" action="/verify/resend" class="inline-form"><?cs call:csrf() ?><button type="submit" class="btn btn-small"><?cs var:L.Account.Resend ?></button></form></div><?cs /if ?>
 <section class="card">
  <h2><?cs var:L.Account.Profile ?></h2>
  <p><?cs var:L.Account.Email ?>: <strong><?cs var:Account.Email ?></strong><?cs if:Account.Verified == "1" ?> <span class="status-badge status-available"><?cs var:L.Account.Verified ?></span><?cs /if ?></p>
  <form method="post" action="/account" class="stack" novalidate>
   <?cs call:csrf() ?>
   <?cs call:input("name", "text", L.Account.Name, "name") ?>
   <?cs call:input("phone", "tel", L.Account.Phone, "tel") ?>
   <label for="f-lang"><?cs var:L.Account.Language ?>
    <select id="f-lang" name="lang"><option value="cs"<?cs if:Form.lang == "cs" ?> selected<?cs /if ?>>Čeština</option><option value="en"<?cs if:Form.lang == "en" ?> selected<?cs /if ?>>English</option></select></label>
   <?cs call:ferr("lang") ?>
   <button type="submit"><?cs var:L.Account.Save ?></button>
  </form>
 </section>
 <section class="card cards" id="cards">
  <h2><?cs var:L.Cards.Title ?></h2>
  <?cs if:Account.Verified != "1" ?><p><?cs var:L.Cards.NeedVerify ?></p>
  <form method="post" action="/verify/resend" class="inline-form"><?cs call:csrf() ?><button type="submit" class="btn btn-small"><?cs var:L.Account.Resend ?></button></form><?cs
  else ?><p class="muted"><?cs var:L.Cards.Text ?></p>
  <?cs if:subcount(Cards) == 0 ?><p class="empty-state"><?cs var:L.Cards.None ?></p><?cs else ?>
  <div class="table-wrap"><table class="data cards-table">
   <thead><tr><th><?cs var:L.Cards.Uid ?></th><th><?cs var:L.Cards.Label ?></th><th><?cs var:L.Cards.Status ?></th><th><?cs var:L.Cards.Added ?></th><th></th></tr></thead>
   <tbody><?cs each:c = Cards ?><tr>
    <td><code><?cs var:c.Uid ?></code></td><td><?cs var:c.Label ?></td>
    <td><?cs if:c.Status == "Accepted" ?><span class="status-badge status-available"><?cs var:L.Cards.Accepted ?></span><?cs
     elif:c.Status == "Blocked" ?><span class="status-badge status-offline"><?cs var:L.Cards.Blocked ?></span><?cs
     else ?><span class="status-badge status-offline"><?cs var:L.Cards.Expired ?></span><?cs /if ?><?cs
     if:c.ByAdmin == "t" ?><br><small class="muted"><?cs var:L.Cards.ByAdmin ?></small><?cs /if ?></td>
    <td><?cs var:c.Added ?></td>
    <td class="card-actions"><?cs if:c.ByAdmin != "t" ?><?cs if:c.Status == "Accepted" ?><form method="post" action="/account/cards/<?cs var:c.Id ?>/block" class="inline-form"><?cs call:csrf() ?><button type="submit" class="btn btn-small"><?cs var:L.Cards.Block ?></button></form><?cs
     elif:c.Status == "Blocked" ?><form method="post" action="/account/cards/<?cs var:c.Id ?>/unblock" class="inline-form"><?cs call:csrf() ?><button type="submit" class="btn btn-small"><?cs var:L.Cards.Unblock ?></button></form><?cs /if ?>
     <form method="post" action="/account/cards/<?cs var:c.Id ?>/delete" class="inline-form"><?cs call:csrf() ?><button type="submit" class="btn btn-small btn-danger"><?cs var:L.Cards.Delete ?></button></form><?cs /if ?></td>
   </tr><?cs /each ?></tbody>
  </table></div><?cs /if ?>
  <?cs if:CardsFull == "1" ?><p class="muted"><?cs var:L.Cards.Full ?></p><?cs call:ferr("uid") ?><?cs else ?>
  <h3><?cs var:L.Cards.Add ?></h3>
  <form method="post" action="/account/cards" class="stack" novalidate>
   <?cs call:csrf() ?>
   <?cs call:input("uid", "text", L.Cards.Uid, "off") ?>
   <small class="muted"><?cs var:L.Cards.UidHint ?></small>
   <?cs call:input("label", "text", L.Cards.Label, "off") ?>
   <button type="submit"><?cs var:L.Cards.AddButton ?></button>
  </form><?cs /if ?><?cs /if ?>
 </section>
 <section class="card">
  <h2><?cs var:L.Account.Hosting ?></h2>
  <?cs if:Account.Owner == "1" ?><p><?cs var:L.Account.IsHost ?></p><p><a class="btn btn-primary" href="/owner"><?cs var:L.Nav.MyChargers ?></a></p><?cs
  else ?><p><?cs var:L.Account.HostText ?></p>
  <form method="post" action="/account/host"><?cs call:csrf() ?><button type="submit" class="btn btn-primary"><?cs var:L.Account.BecomeHost ?></button></form><?cs /if ?>
 </section>
 <section class="card">
  <h2><?cs var:L.Account.Sessions ?></h2>
  <div class="table-wrap"><table class="data sessions">
   <thead><tr><th><?cs var:L.Account.SessionStarted ?></th><th><?cs var:L.Account.SessionSeen ?></th><th><?cs var:L.Account.SessionFrom ?></th><th></th></tr></thead>
   <tbody><?cs each:s = Sessions ?><tr><td><?cs var:s.Created ?></td><td><?cs var:s.Seen ?></td><td><?cs var:s.Ip ?> <small class="muted"><?cs var:s.Agent ?></small></td>
    <td><?cs if:s.Current == "1" ?><span class="status-badge status-available"><?cs var:L.Account.ThisSession ?></span> <?cs /if ?><form method="post" action="/account/sessions/revoke" class="inline-form"><?cs call:csrf() ?><input type="hidden" name="id" value="<?cs var:s.Id ?>"><button type="submit" class="btn btn-small"><?cs var:L.Account.Revoke ?></button></form></td></tr>
   <?cs /each ?></tbody>
  </table></div>
 </section>
 <section class="card danger-zone" id="delete">
  <h2><?cs var:L.Account.Delete ?></h2>
  <p><?cs var:L.Account.DeleteText ?></p>
  <form method="post" action="/account/delete" class="stack" novalidate>
   <?cs call:csrf() ?>
   <?cs call:input("password", "password", L.Account.PasswordConfirm, "current-password") ?>
   <button type="submit" class="btn btn-danger"><?cs var:L.Account.DeleteButton ?></button>
  </form>
 </section>
</main>
<?cs include:"footer.cs" ?>
