<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <div class="card narrow">
 <h1><?cs var:L.Account.Register ?></h1>
 <?cs call:flash() ?>
 <form method="post" action="/register" class="stack" novalidate>
  <?cs call:csrf() ?>
  <?cs call:input("email", "email", L.Account.Email, "email") ?>
  <?cs call:input("name", "text", L.Account.Name, "name") ?>
  <?cs call:input("password", "password", L.Account.Password, "new-password") ?>
  <small class="hint"><?cs var:L.Account.PasswordHint ?></small>
  <?cs call:input("password2", "password", L.Account.Password2, "new-password") ?>
  <button type="submit"><?cs var:L.Account.RegisterButton ?></button>
 </form>
 <p class="muted"><?cs var:L.Account.HaveAccount ?> <a href="/login"><?cs var:L.Nav.Login ?></a></p>
 </div>
</main>
<?cs include:"footer.cs" ?>
