/* owner.js - the host's pages: the map pin of the listing form, and the live panel of a
 * listing (polls /owner/listings/{id}/live every 3 s). Everything works without it too:
 * the coordinates can be typed and the panel is rendered by the server. */
(function () {
  'use strict';

  /* ---- the pin: click the map or drag the marker; the lat/lon fields follow */
  var el = document.getElementById('pin-map');
  if (el && window.L) {
    var lat = document.getElementById('f-lat'), lon = document.getElementById('f-lon');
    var has = lat.value !== '' && lon.value !== '' && !isNaN(+lat.value) && !isNaN(+lon.value);
    var map = L.map(el, { scrollWheelZoom: false }).setView(has ? [+lat.value, +lon.value] : [49.8, 15.5], has ? 15 : 7);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: '&copy; OpenStreetMap' }).addTo(map);
    }
    var marker = null;
    var put = function (ll) {
      lat.value = ll.lat.toFixed(6);
      lon.value = ll.lng.toFixed(6);
      if (!marker) {
        marker = L.marker(ll, { draggable: true, keyboard: true, title: 'pin' }).addTo(map);
        marker.on('dragend', function () { put(marker.getLatLng()); });
      } else {
        marker.setLatLng(ll);
      }
    };
    if (has) put(L.latLng(+lat.value, +lon.value));
    map.on('click', function (e) { put(e.latlng); });
    var typed = function () {
      if (lat.value !== '' && lon.value !== '' && !isNaN(+lat.value) && !isNaN(+lon.value)) {
        var ll = L.latLng(+lat.value, +lon.value);
        if (marker) marker.setLatLng(ll); else put(ll);
        map.panTo(ll);
      }
    };
    lat.addEventListener('change', typed);
    lon.addEventListener('change', typed);
  }

  /* ---- deleting asks once more (the form's checkbox already asks without JavaScript) */
  var del = document.getElementById('delete-listing');
  if (del) {
    del.addEventListener('submit', function (e) {
      if (!window.confirm(del.dataset.confirm)) e.preventDefault();
    });
  }

  /* ---- the live panel */
  var live = document.getElementById('live');
  if (live && window.fetch) {
    var state = document.getElementById('live-state');
    var set = function (id, text) { var e = document.getElementById(id); if (e) e.textContent = text; };
    var poll = function () {
      fetch(live.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (d) {
          if (!d) return;
          /* the page is rendered by the server: when what it shows is out of date (the
           * charger came or went, a connector changed, a command finished), render it again */
          var first = document.querySelector('#live-commands tbody tr td:last-child');
          var shownCmd = first ? first.dataset.state : '';
          var newCmd = d.commands && d.commands.length ? d.commands[0].state : '';
          live.dataset.cmdState = newCmd;
          /* a connector whose status changed since the page was rendered */
          var moved = (d.connectors || []).some(function (c) {
            var li = document.querySelector('#live-connectors li[data-connector="' + c.id + '"]');
            return li && li.dataset.status !== c.status;
          });
          if ((d.connected ? '1' : '0') !== state.dataset.connected || shownCmd !== newCmd || moved) {
            if (document.getElementById('ocpp-password')) {
              /* a password shown once is on screen: reloading would take it away, so only the
               * badge follows (the rest catches up on the next visit) */
              state.dataset.connected = d.connected ? '1' : '0';
              state.textContent = d.connected ? state.dataset.yes : state.dataset.no;
              state.className = 'status-badge status-' + (d.connected ? 'available' : 'offline');
              set('live-seen', d.last_seen);
              return;
            }
            window.location.replace(window.location.pathname);
            return;
          }
          set('live-seen', d.last_seen);
        })
        .catch(function () {});
    };
    setInterval(poll, 3000);
  }
})();
