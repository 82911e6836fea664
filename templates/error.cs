<?cs set:Page.Title = Error.Status ?><?cs include:"header.cs" ?>
<main class="error-page">
 <p class="error-code"><?cs var:Error.Status ?></p>
 <h1><?cs var:Error.Message ?></h1>
 <p><a class="btn" href="/"><?cs var:L.Error.Back ?></a></p>
 <p class="request-id muted"><?cs var:L.Error.RequestId ?> <code><?cs var:Req.Id ?></code></p>
</main>
<?cs include:"footer.cs" ?>
