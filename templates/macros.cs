<?cs def:csrf() ?><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><?cs /def ?>
<?cs def:ferr(name) ?><?cs if:Err[name] ?><span class="field-error" id="e-<?cs var:name ?>"><?cs var:Err[name] ?></span><?cs /if ?><?cs /def ?>
<?cs def:input(name, type, label, auto) ?><label for="f-<?cs var:name ?>"><?cs var:label ?>
 <input id="f-<?cs var:name ?>" type="<?cs var:type ?>" name="<?cs var:name ?>"<?cs if:type != "password" ?> value="<?cs var:Form[name] ?>"<?cs /if ?><?cs if:auto ?> autocomplete="<?cs var:auto ?>"<?cs /if ?><?cs if:Err[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>></label>
 <?cs call:ferr(name) ?><?cs /def ?>
<?cs def:textarea(name, label) ?><label for="f-<?cs var:name ?>"><?cs var:label ?>
 <textarea id="f-<?cs var:name ?>" name="<?cs var:name ?>"<?cs if:Err[name] ?> aria-invalid="true" aria-describedby="e-<?cs var:name ?>"<?cs /if ?>><?cs var:Form[name] ?></textarea></label>
 <?cs call:ferr(name) ?><?cs /def ?>
<?cs def:flash() ?><?cs if:Flash ?><p class="flash flash-<?cs var:FlashKind ?>" role="status"><?cs var:Flash ?></p><?cs /if ?><?cs if:FormFailed ?><p class="flash flash-error" role="alert"><?cs var:L.Err.Form ?></p><?cs /if ?><?cs /def ?>
<?cs def:admin_nav() ?><nav class="admin-tabs" aria-label="<?cs var:L.Nav.Admin ?>">
 <a href="/admin"<?cs if:Admin.Tab == "queue" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.QueueTitle ?></a>
 <a href="/admin/listings"<?cs if:Admin.Tab == "listings" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.ListingsTitle ?></a>
 <a href="/admin/accounts"<?cs if:Admin.Tab == "accounts" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.AccountsTitle ?></a>
 <a href="/admin/audit"<?cs if:Admin.Tab == "audit" ?> aria-current="page"<?cs /if ?>><?cs var:L.Admin.AuditTitle ?></a>
</nav><?cs /def ?>
<?cs def:reason_field() ?><label for="f-reason"><?cs var:L.Admin.Reason ?>
 <input id="f-reason" name="reason" value="<?cs var:Form.reason ?>"<?cs if:Err.reason ?> aria-invalid="true" aria-describedby="e-reason"<?cs /if ?>></label><?cs call:ferr("reason") ?><?cs /def ?>
