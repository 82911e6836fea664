<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <div class="card narrow">
 <h1><?cs var:L.Account.ResetTitle ?></h1>
 <p><?cs var:L.Account.ResetText ?></p>
 <form method="post" action="/reset" class="stack" novalidate>
  <?cs call:csrf() ?>
  <?cs call:input("email", "email", L.Account.Email, "email") ?>
  <button type="submit"><?cs var:L.Account.ResetButton ?></button>
 </form>
 </div>
</main>
<?cs include:"footer.cs" ?>
