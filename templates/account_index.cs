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
