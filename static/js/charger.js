/* evshare: the small map on a charger's detail page.
 *
 * <div id="minimap" data-lat data-lon data-status data-tiles></div>
 * Needs leaflet.js loaded before it. One pin, same look as on the big map.
 */
(function () {
  'use strict';

  var box = document.getElementById('minimap');
  if (!box || typeof window.L === 'undefined') {
    return;
  }
  var L = window.L;

  var STRINGS = {
    cs: { open: 'Zobrazit na mapě' },
    en: { open: 'Show on the map' }
  };
  var lang = (document.documentElement.getAttribute('lang') || 'cs').toLowerCase().slice(0, 2);
  var T = STRINGS.hasOwnProperty(lang) ? STRINGS[lang] : STRINGS.cs;

  var lat = parseFloat(box.getAttribute('data-lat'));
  var lon = parseFloat(box.getAttribute('data-lon'));
  if (!isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    box.hidden = true;
    return;
  }
  var status = box.getAttribute('data-status');
  if (['available', 'charging', 'offline', 'unknown'].indexOf(status) < 0) {
    status = 'unknown';
  }
  var ZOOM = 15;

  var map = L.map(box, {
    center: [lat, lon],
    zoom: ZOOM,
    minZoom: 5,
    maxZoom: 18,
    zoomControl: true,
    attributionControl: false,
    scrollWheelZoom: false,
    doubleClickZoom: true,
    boxZoom: false,
    keyboard: false,
    dragging: !L.Browser.mobile,
    tap: false
  });

  var tiles = box.getAttribute('data-tiles');
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    L.control.attribution({ prefix: false })
      .addAttribution('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>')
      .addTo(map);
  } else {
    box.classList.add('map-no-tiles');
    var BlankLayer = L.GridLayer.extend({
      createTile: function () {
        var d = document.createElement('div');
        d.className = 'blank-tile';
        return d;
      }
    });
    new BlankLayer({ tileSize: 256 }).addTo(map);
  }

  L.marker([lat, lon], {
    icon: L.divIcon({
      className: 'pin pin-' + status,
      html: '',
      iconSize: [30, 36],
      iconAnchor: [15, 33]
    }),
    interactive: false,
    keyboard: false
  }).addTo(map);

  /* "show on the big map" link, to the map page's #zoom/lat/lon view */
  var Open = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var a = document.createElement('a');
      a.className = 'minimap-open';
      a.href = '/#16/' + lat.toFixed(5) + '/' + lon.toFixed(5);
      a.textContent = T.open;
      L.DomEvent.disableClickPropagation(a);
      return a;
    }
  });
  new Open().addTo(map);
})();
