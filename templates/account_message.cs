<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="account-page">
 <div class="card narrow">
 <h1><?cs var:Msg.Title ?></h1>
 <p><?cs var:Msg.Text ?></p>
 <?cs if:Msg.Action ?><form method="post" action="<?cs var:Msg.Action ?>" class="stack">
  <?cs call:csrf() ?><input type="hidden" name="token" value="<?cs var:Msg.Token ?>">
  <button type="submit"><?cs var:Msg.Button ?></button>
 </form><?cs elif:Msg.Link ?><p><a class="btn" href="<?cs var:Msg.Link ?>"><?cs var:Msg.LinkText ?></a></p>
 <p><a href="/"><?cs var:L.Error.Back ?></a></p><?cs else ?><p><a class="btn" href="/"><?cs var:L.Error.Back ?></a></p><?cs /if ?>
 </div>
</main>
<?cs include:"footer.cs" ?>
