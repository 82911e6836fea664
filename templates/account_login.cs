<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <div class="card narrow">
 <h1><?cs var:L.Account.Login ?></h1>
 <?cs call:flash() ?>
 <form method="post" action="/login" class="stack" novalidate>
  <?cs call:csrf() ?>
  <?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
  <?cs call:input("email", "email", L.Account.Email, "username") ?>
  <?cs call:input("password", "password", L.Account.Password, "current-password") ?>
  <button type="submit"><?cs var:L.Account.LoginButton ?></button>
 </form>
 <p><a href="/reset"><?cs var:L.Account.Forgot ?></a></p>
 <p class="muted"><?cs var:L.Account.NoAccount ?> <a href="/register"><?cs var:L.Nav.Register ?></a></p>
 </div>
</main>
<?cs include:"footer.cs" ?>
