<?cs include:"header.cs" ?><?cs include:"macros.cs" ?>
<main class="owner-page">
 <div class="page-head">
  <h1><?cs var:L.Owner.Title ?></h1>
  <a class="btn btn-primary" href="/owner/listings/new"><?cs var:L.Owner.AddListing ?></a>
 </div>
 <?cs call:flash() ?>
 <?cs if:ListingCount == "0" ?>
 <div class="card empty-state">
  <h2><?cs var:L.Owner.EmptyTitle ?></h2>
  <p><?cs var:L.Owner.EmptyText ?></p>
  <p><a class="btn btn-primary" href="/owner/listings/new"><?cs var:L.Owner.AddFirst ?></a></p>
 </div>
 <?cs else ?>
 <form method="post" action="/owner/prices" class="owner-list">
  <?cs call:csrf() ?>
  <div class="table-wrap"><table class="data listings">
   <thead><tr><th><span class="visually-hidden"><?cs var:L.Owner.Select ?></span></th><th><?cs var:L.Owner.Charger ?></th><th><?cs var:L.Owner.State ?></th><th><?cs var:L.Owner.Live ?></th><th class="num"><?cs var:L.Charger.Price ?></th></tr></thead>
   <tbody>
   <?cs each:l = Listings ?><tr>
    <td><input type="checkbox" name="id" value="<?cs var:l.Id ?>" aria-label="<?cs var:l.Title ?>"></td>
    <td><a href="/owner/listings/<?cs var:l.Id ?>"><?cs var:l.Title ?></a><?cs if:l.City ?> <small class="muted"><?cs var:l.City ?></small><?cs /if ?></td>
    <td><span class="state state-<?cs var:l.State ?>"><?cs var:L.ListingState[l.State] ?></span><?cs if:l.Reason ?><br><small class="muted"><?cs var:l.Reason ?></small><?cs /if ?></td>
    <td><span class="status-badge status-<?cs if:l.Live == "connected" ?>available<?cs else ?>offline<?cs /if ?>"><?cs var:L.Live[l.Live] ?></span></td>
    <td class="num"><?cs var:l.Price ?></td>
   </tr><?cs /each ?>
   </tbody>
  </table></div>
  <fieldset class="bulk">
   <legend><?cs var:L.Owner.BulkPrice ?></legend>
   <?cs call:ferr("id") ?>
   <label for="f-price"><?cs var:L.Owner.NewPrice ?> <input id="f-price" name="price" inputmode="decimal" value="<?cs var:Form.price ?>"<?cs if:Err.price ?> aria-invalid="true"<?cs /if ?>></label>
   <?cs call:ferr("price") ?>
   <button type="submit" class="btn"><?cs var:L.Owner.ApplyPrice ?></button>
  </fieldset>
 </form>
 <?cs /if ?>
 <section class="card earnings">
  <h2><?cs var:L.Owner.Earnings ?></h2>
  <p class="muted"><?cs var:L.Owner.EarningsSoon ?></p>
 </section>
</main>
<?cs include:"footer.cs" ?>
