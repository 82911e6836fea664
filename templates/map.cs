<?cs set:Page.Leaflet = 1 ?><?cs set:Page.Cluster = 1 ?><?cs include:"header.cs" ?>
<main class="map-main">
 <form id="filters" class="filters" role="search" aria-label="<?cs var:L.Map.Filters ?>">
  <label><span><?cs var:L.Map.Connector ?></span>
   <select name="connector">
    <option value=""><?cs var:L.Map.AnyConnector ?></option>
    <?cs each:t = ConnectorTypes ?><option value="<?cs var:t.Value ?>"><?cs var:t.Label ?></option>
    <?cs /each ?>
   </select>
  </label>
  <label><span><?cs var:L.Map.MinPower ?></span>
   <select name="min_kw">
    <option value=""><?cs var:L.Map.AnyPower ?></option>
    <?cs # the decimal sign of the page's language (3,7 in Czech, 3.7 in English) ?><?cs if:Req.Lang == "en" ?><?cs set:dp = "." ?><?cs else ?><?cs set:dp = "," ?><?cs /if ?>
    <option value="3.7">3<?cs var:dp ?>7 kW+</option><option value="7.4">7<?cs var:dp ?>4 kW+</option>
    <option value="11">11 kW+</option><option value="22">22 kW+</option><option value="50">50 kW+</option>
   </select>
  </label>
  <label><span><?cs var:L.Map.MaxPrice ?></span>
   <input type="number" name="max_price" step="0.5" min="0" inputmode="decimal" placeholder="<?cs var:L.Map.PricePlaceholder ?>">
  </label>
  <label class="check"><input type="checkbox" name="available" value="1"> <span><?cs var:L.Map.AvailableNow ?></span></label>
 </form>
 <div id="map" data-api="/api/v1/chargers" data-tiles="<?cs var:MapTiles ?>" data-lat="49.8" data-lon="15.5" data-zoom="7"
      aria-label="<?cs var:L.Map.Title ?>"></div>
 <div id="map-note" class="map-note" role="status" hidden></div>
 <noscript><p class="card"><?cs var:L.Map.NoScript ?></p></noscript>
</main>
<script src="/static/vendor/leaflet/leaflet.js"></script>
<script src="/static/vendor/leaflet/leaflet.markercluster.js"></script>
<script src="/static/js/map.js?v=<?cs var:Version ?>"></script>
<?cs include:"footer.cs" ?>
