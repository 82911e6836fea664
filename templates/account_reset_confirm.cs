<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <div class="card narrow">
 <h1><?cs var:L.Account.ResetTitle ?></h1>
 <form method="post" action="/reset/confirm" class="stack" novalidate>
  <?cs call:csrf() ?><input type="hidden" name="token" value="<?cs var:Form.token ?>">
  <?cs call:input("password", "password", L.Account.NewPassword, "new-password") ?>
  <small class="hint"><?cs var:L.Account.PasswordHint ?></small>
  <?cs call:input("password2", "password", L.Account.Password2, "new-password") ?>
  <button type="submit"><?cs var:L.Account.ResetSave ?></button>
 </form>
 </div>
</main>
<?cs include:"footer.cs" ?>
