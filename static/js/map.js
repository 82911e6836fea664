/* evshare: the full-window charger map on "/".
 *
 * Needs leaflet.js and leaflet.markercluster.js loaded before it. Reads its
 * settings from the data-* attributes of #map, the filters from form#filters,
 * and keeps the view in the URL hash as #zoom/lat/lon so links can be shared.
 * All data from the API reaches the DOM through textContent or attributes,
 * never through innerHTML.
 */
(function () {
  'use strict';

  var mapEl = document.getElementById('map');
  if (!mapEl || typeof window.L === 'undefined') {
    return;
  }
  var L = window.L;

  /* ---- strings ------------------------------------------------------- */

  var STRINGS = {
    cs: {
      status: { available: 'Volné', charging: 'Nabíjí', offline: 'Offline', unknown: 'Neznámý stav' },
      legend: 'Stav nabíječky',
      details: 'Detail nabíječky',
      empty: 'Filtrům tu neodpovídá žádná nabíječka',
      loadError: 'Nabíječky se nepodařilo načíst',
      filters: 'Filtry',
      locate: 'Moje poloha',
      noPrice: 'Cena neuvedena',
      perKwh: 'Kč/kWh',
      retry: 'Zkuste to za chvíli znovu (posuňte mapu).',
      /* a filter the server refused: which one and what to do (issue 8/4.4) */
      bad: {
        max_price: 'Maximální cenu zadejte v Kč za kWh jako číslo od 0 do 1000, nejvýše se dvěma desetinnými místy (např. 6,50). Nabíječky se ukážou po opravě.',
        min_kw: 'Výkon vyberte ze seznamu. Nabíječky se ukážou po opravě.',
        connector: 'Konektor vyberte ze seznamu. Nabíječky se ukážou po opravě.',
        other: 'Filtry se nepodařilo použít. Zkontrolujte je nebo je vymažte.'
      }
    },
    en: {
      status: { available: 'Available', charging: 'Charging', offline: 'Offline', unknown: 'Unknown' },
      legend: 'Charger status',
      details: 'Charger details',
      empty: 'No charger here matches the filters',
      loadError: 'Could not load chargers',
      filters: 'Filters',
      locate: 'My location',
      noPrice: 'Price not set',
      perKwh: '/kWh',
      retry: 'Please try again in a moment (move the map).',
      bad: {
        max_price: 'Enter the max price in CZK per kWh as a number from 0 to 1000, with at most two decimals (e.g. 6.50). The chargers show once it is corrected.',
        min_kw: 'Choose the power from the list. The chargers show once it is corrected.',
        connector: 'Choose the connector from the list. The chargers show once it is corrected.',
        other: 'The filters could not be applied. Check them or clear them.'
      }
    }
  };
  var lang = (document.documentElement.getAttribute('lang') || 'cs').toLowerCase().slice(0, 2);
  if (!STRINGS.hasOwnProperty(lang)) {
    lang = 'cs';
  }
  var T = STRINGS[lang];

  var STATUSES = ['available', 'charging', 'offline', 'unknown'];
  var CONNECTORS = {
    type2: 'Type 2', ccs2: 'CCS2', chademo: 'CHAdeMO', schuko: 'Schuko', gbt: 'GB/T', type1: 'Type 1'
  };

  /* ---- small helpers ------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function safeStatus(s) {
    return STATUSES.indexOf(s) >= 0 ? s : 'unknown';
  }

  function num(v) {
    var n = typeof v === 'number' ? v : parseFloat(v);
    return isFinite(n) ? n : null;
  }

  function clamp(v, lo, hi) {
    return Math.min(hi, Math.max(lo, v));
  }

  /* At most 5 decimals, no trailing zeros, never "-0" or exponent notation. */
  function coord(v) {
    var s = v.toFixed(5).replace(/\.?0+$/, '');
    return s === '-0' ? '0' : s;
  }

  function decimal(n, digits) {
    var s = n.toFixed(digits);
    return lang === 'cs' ? s.replace('.', ',') : s;
  }

  function formatKw(kw) {
    var n = num(kw);
    if (n === null) {
      return '';
    }
    var s = String(Math.round(n * 10) / 10);
    return (lang === 'cs' ? s.replace('.', ',') : s) + ' kW';
  }

  /* price in minor units (2 decimals) + currency code */
  function formatPrice(minor, currency) {
    var n = num(minor);
    if (n === null) {
      return T.noPrice;
    }
    var cur = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : 'CZK';
    var amount = decimal(n / 100, 2);
    if (lang === 'cs') {
      return amount + '\u00a0' + (cur === 'CZK' ? T.perKwh : cur + '/kWh');
    }
    return cur + '\u00a0' + amount + T.perKwh;
  }

  /* Only same-site paths may become links. */
  function chargerUrl(p) {
    if (typeof p.url === 'string' && /^\/(?!\/)/.test(p.url) && p.url.indexOf('\\') < 0) {
      return p.url;
    }
    return '/chargers/' + encodeURIComponent(String(p.id));
  }

  /* ---- map ----------------------------------------------------------- */

  var MIN_ZOOM = 3;
  var MAX_ZOOM = 19;

  function parseHash() {
    var parts = window.location.hash.replace(/^#/, '').split('/');
    if (parts.length !== 3) {
      return null;
    }
    var z = parseInt(parts[0], 10);
    var lat = parseFloat(parts[1]);
    var lon = parseFloat(parts[2]);
    if (!isFinite(z) || !isFinite(lat) || !isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      return null;
    }
    return { zoom: clamp(z, MIN_ZOOM, MAX_ZOOM), center: L.latLng(lat, lon) };
  }

  function defaultView() {
    var lat = num(mapEl.getAttribute('data-lat'));
    var lon = num(mapEl.getAttribute('data-lon'));
    var z = num(mapEl.getAttribute('data-zoom'));
    return {
      zoom: z === null ? 7 : clamp(Math.round(z), MIN_ZOOM, MAX_ZOOM),
      center: L.latLng(lat === null ? 49.8 : lat, lon === null ? 15.5 : lon)
    };
  }

  var view = parseHash() || defaultView();
  var map = L.map(mapEl, {
    center: view.center,
    zoom: view.zoom,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    zoomControl: false,
    worldCopyJump: false
  });
  L.control.zoom({ position: 'topright' }).addTo(map);

  var tiles = mapEl.getAttribute('data-tiles');
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: MAX_ZOOM,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    }).addTo(map);
  } else {
    /* No tile server configured (tests, offline installs): a faint local grid
     * so that panning and zooming are still visible. */
    mapEl.classList.add('map-no-tiles');
    var BlankLayer = L.GridLayer.extend({
      createTile: function () {
        return el('div', 'blank-tile');
      }
    });
    new BlankLayer({ tileSize: 256 }).addTo(map);
  }

  /* ---- URL hash ------------------------------------------------------ */

  function hashFor() {
    var c = map.getCenter();
    var z = map.getZoom();
    var digits = clamp(Math.ceil(Math.log(Math.pow(2, z) * 256 / 360) / Math.LN10), 0, 5);
    return '#' + z + '/' + c.lat.toFixed(digits) + '/' + c.wrap().lng.toFixed(digits);
  }

  /* The filters as a query string ("?connector=type2&min_kw=11", or ""): kept in the URL with
   * the view hash, so a reload, the back button or a shared link keeps them (issue 8/4.9). */
  function filterQuery() {
    var q = filterParams().map(function (kv) {
      return encodeURIComponent(kv[0]) + '=' + encodeURIComponent(kv[1]);
    }).join('&');
    return q ? '?' + q : '';
  }

  function keepHash() {
    var h = hashFor();
    var q = filterQuery();
    if (h !== window.location.hash || q !== window.location.search) {
      if (window.history && window.history.replaceState) {
        window.history.replaceState(window.history.state, '', window.location.pathname + q + h);
      } else {
        window.location.hash = h;
      }
    }
    /* The language switch goes back to this page: carry the filters and the view along. */
    var links = document.querySelectorAll('.lang-switch a[href]');
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute('href');
      var lang = (href.match(/[?&]lang=(cs|en)/) || [])[1];
      if (lang) {
        links[i].setAttribute('href', '?lang=' + lang + (q ? '&' + q.slice(1) : '') + h);
      }
    }
  }

  window.addEventListener('hashchange', function () {
    var v = parseHash();
    if (v && window.location.hash !== hashFor()) {
      map.setView(v.center, v.zoom);
    }
  });

  /* ---- pins ---------------------------------------------------------- */

  var icons = {};
  function pinIcon(status) {
    var s = safeStatus(status);
    if (!icons[s]) {
      icons[s] = L.divIcon({
        className: 'pin pin-' + s,
        html: '',
        iconSize: [30, 36],
        iconAnchor: [15, 33],
        popupAnchor: [0, -30]
      });
    }
    return icons[s];
  }

  function popupContent(p) {
    var box = el('div', 'popup');
    box.appendChild(el('h3', 'popup-title', p.title || ('#' + p.id)));

    var meta = el('p', 'popup-meta');
    var status = safeStatus(p.status);
    meta.appendChild(el('span', 'status-badge status-' + status, T.status[status]));
    if (p.city) {
      meta.appendChild(el('span', 'popup-city', p.city));
    }
    box.appendChild(meta);

    var conns = Array.isArray(p.connectors) ? p.connectors : [];
    if (conns.length) {
      var ul = el('ul', 'popup-connectors');
      conns.forEach(function (c) {
        var cs = safeStatus(c.status);
        var parts = [CONNECTORS[c.type] || String(c.type || '?')];
        var kw = formatKw(c.max_kw);
        if (kw) {
          parts.push(kw);
        }
        parts.push(T.status[cs]);
        var li = el('li', 'connector-' + cs);
        li.appendChild(el('span', 'dot dot-' + cs));
        li.appendChild(document.createTextNode(parts.join(' \u00b7 ')));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }

    box.appendChild(el('p', 'popup-price', formatPrice(p.price_per_kwh, p.currency)));

    var a = el('a', 'popup-link', T.details);
    a.href = chargerUrl(p);
    box.appendChild(a);
    return box;
  }

  /* A bubble for n chargers, free of them available: markercluster's own
   * clusters and the server's (a dense view answers grid clusters) look alike. */
  function bubbleIcon(n, free) {
    var size = n < 10 ? 'small' : n < 100 ? 'medium' : 'large';
    var wrap = el('div');
    wrap.appendChild(el('span', 'cluster-count', n));
    if (free) {
      wrap.appendChild(el('span', 'cluster-free', free));
    }
    var px = size === 'small' ? 38 : size === 'medium' ? 44 : 52;
    return L.divIcon({
      html: wrap,
      className: 'marker-cluster marker-cluster-' + size + (free ? ' has-free' : ''),
      iconSize: L.point(px, px)
    });
  }

  /* A server cluster marker stands for evCount chargers, evFree of them available. */
  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var n = 0;
    var free = 0;
    for (var i = 0; i < children.length; i++) {
      n += children[i].evCount;
      free += children[i].evFree;
    }
    return bubbleIcon(n, free);
  }

  var cluster = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon
  });
  map.addLayer(cluster);

  /* id -> marker currently on the map; markers are reused across reloads so
   * an open popup survives the refetch its own auto-pan triggers. */
  var markers = {};

  function featureKey(f) {
    return JSON.stringify([f.geometry.coordinates, f.properties]);
  }

  /* The server's cluster: a bubble that zooms into its members' bounding box. */
  function serverCluster(lat, lon, p) {
    var n = Math.max(2, Math.round(num(p.count) || 2));
    var free = clamp(Math.round(num(p.available) || 0), 0, n);
    var b = Array.isArray(p.bbox) && p.bbox.length === 4 ? p.bbox.map(num) : null;
    var bounds = b && b.every(function (v) { return v !== null; }) ?
      L.latLngBounds([b[1], b[0]], [b[3], b[2]]) : L.latLngBounds([lat, lon], [lat, lon]);
    var m = L.marker([lat, lon], { icon: bubbleIcon(n, free), keyboard: true });
    m.evCount = n;
    m.evFree = free;
    m.on('click', function () {
      /* members all on one spot: at least one zoom level further in */
      map.fitBounds(bounds.pad(0.1), { maxZoom: MAX_ZOOM });
      if (map.getZoom() === MAX_ZOOM || bounds.getNorthEast().equals(bounds.getSouthWest())) {
        map.setView(bounds.getCenter(), Math.min(MAX_ZOOM, map.getZoom() + 2));
      }
    });
    return m;
  }

  function showFeatures(features) {
    var next = {};
    var add = [];
    var remove = [];
    var changed = [];
    features.forEach(function (f) {
      if (!f || !f.geometry || !Array.isArray(f.geometry.coordinates) || !f.properties) {
        return;
      }
      var lon = num(f.geometry.coordinates[0]);
      var lat = num(f.geometry.coordinates[1]);
      if (lon === null || lat === null) {
        return;
      }
      var p = f.properties;
      var key = featureKey(f);
      var id = p.cluster === true ? 'cluster:' + key : String(p.id !== undefined ? p.id : f.id);
      if (p.cluster === true) {
        if (!markers[id]) {
          add.push(serverCluster(lat, lon, p));
          next[id] = add[add.length - 1];
        } else {
          next[id] = markers[id];
        }
        return;
      }
      var old = markers[id];
      if (old && old.evKey === key) {
        next[id] = old;
        return;
      }
      if (old && old.getLatLng().equals([lat, lon])) {
        /* same place, new data: update in place (keeps an open popup) */
        old.evKey = key;
        old.evProps = p;
        old.evStatus = safeStatus(p.status);
        old.evFree = old.evStatus === 'available' ? 1 : 0;
        old.setIcon(pinIcon(p.status));
        if (old.isPopupOpen()) {
          old.setPopupContent(popupContent(p));
        }
        next[id] = old;
        changed.push(old);
        return;
      }
      if (old) {
        remove.push(old);
      }
      var m = L.marker([lat, lon], {
        icon: pinIcon(p.status),
        title: p.title ? String(p.title) : '',
        alt: p.title ? String(p.title) : '',
        riseOnHover: true,
        keyboard: true
      });
      m.evKey = key;
      m.evProps = p;
      m.evStatus = safeStatus(p.status);
      m.evCount = 1;
      m.evFree = m.evStatus === 'available' ? 1 : 0;
      m.bindPopup(function (layer) {
        return popupContent(layer.evProps);
      }, {
        className: 'charger-popup',
        maxWidth: 280,
        minWidth: 200,
        autoPanPaddingTopLeft: L.point(16, 100),
        autoPanPaddingBottomRight: L.point(16, 40)
      });
      next[id] = m;
      add.push(m);
    });
    Object.keys(markers).forEach(function (id) {
      if (!next.hasOwnProperty(id)) {
        remove.push(markers[id]);
      }
    });
    markers = next;
    if (remove.length) {
      cluster.removeLayers(remove);
    }
    if (add.length) {
      cluster.addLayers(add);
    }
    if (changed.length) {
      cluster.refreshClusters(changed);
    }
  }

  /* ---- notes (empty / error) ------------------------------------------ */

  var noteEl = document.getElementById('map-note');
  function note(text, kind) {
    if (!noteEl) {
      return;
    }
    if (!text) {
      noteEl.hidden = true;
      noteEl.textContent = '';
      noteEl.className = 'map-note';
      return;
    }
    noteEl.textContent = text;
    noteEl.className = 'map-note' + (kind ? ' map-note-' + kind : '');
    noteEl.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    noteEl.hidden = false;
  }

  /* ---- filters ------------------------------------------------------- */

  var form = document.getElementById('filters');

  /* the filters of the URL (a reload, the back button, a shared link) into the form */
  function restoreFilters() {
    if (!form || !window.URLSearchParams) {
      return;
    }
    var q = new URLSearchParams(window.location.search);
    ['connector', 'min_kw', 'max_price'].forEach(function (name) {
      var f = form.elements[name];
      var v = q.get(name);
      if (!f || v === null) {
        return;
      }
      if (f.tagName === 'SELECT') {
        for (var i = 0; i < f.options.length; i++) {
          if (f.options[i].value === v) {
            f.selectedIndex = i;
          }
        }
      } else {
        f.value = v;
      }
    });
    if (form.elements.available) {
      form.elements.available.checked = q.get('available') === '1';
    }
  }
  restoreFilters();

  /* a field the server refused is marked, until it changes */
  function markBad(name) {
    if (!form) {
      return;
    }
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (f) {
      f.removeAttribute('aria-invalid');
    });
    var f = name && form.elements[name];
    if (f && f.setAttribute) {
      f.setAttribute('aria-invalid', 'true');
    }
  }

  function filterParams() {
    var out = [];
    if (!form) {
      return out;
    }
    ['connector', 'min_kw', 'max_price'].forEach(function (name) {
      var f = form.elements[name];
      var v = f && typeof f.value === 'string' ? f.value.trim() : '';
      if (v) {
        out.push([name, v]);
      }
    });
    var av = form.elements.available;
    if (av && av.checked) {
      out.push(['available', av.value || '1']);
    }
    return out;
  }

  /* ---- loading ------------------------------------------------------- */

  var apiUrl = mapEl.getAttribute('data-api') || '/api/v1/chargers';
  var timer = null;
  var controller = null;
  var seq = 0;
  var container = mapEl.parentNode;

  function bboxParam() {
    var b = map.getBounds().pad(0.2);
    var west = clamp(b.getWest(), -180, 180);
    var south = clamp(b.getSouth(), -90, 90);
    var east = clamp(b.getEast(), -180, 180);
    var north = clamp(b.getNorth(), -90, 90);
    return [coord(west), coord(south), coord(east), coord(north)].join(',');
  }

  function requestUrl() {
    var params = [['bbox', bboxParam()]].concat(filterParams());
    var q = params.map(function (kv) {
      return encodeURIComponent(kv[0]) + '=' + encodeURIComponent(kv[1]).replace(/%2C/g, ',');
    }).join('&');
    return apiUrl + (apiUrl.indexOf('?') >= 0 ? '&' : '?') + q;
  }

  function setLoading(on) {
    if (container && container.classList) {
      container.classList.toggle('is-loading', on);
    }
  }

  function load() {
    timer = null;
    if (controller) {
      controller.abort();
    }
    var ctl = typeof AbortController === 'function' ? new AbortController() : null;
    controller = ctl;
    var mine = ++seq;
    var hasFilters = filterParams().length > 0;
    setLoading(true);
    fetch(requestUrl(), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: ctl ? ctl.signal : undefined
    }).then(function (res) {
      return res.json().catch(function () {
        return null;
      }).then(function (body) {
        if (!res.ok || !body || body.error) {
          var err = new Error('api');
          err.status = res.status;
          err.param = body && body.error && typeof body.error.param === 'string' ? body.error.param : '';
          throw err;
        }
        return body;
      });
    }).then(function (body) {
      if (mine !== seq) {
        return;
      }
      var features = Array.isArray(body.features) ? body.features : [];
      markBad(null);
      showFeatures(features);
      if (!features.length && hasFilters) {
        note(T.empty, 'empty');
      } else {
        note(null);
      }
    }).catch(function (err) {
      if (mine !== seq || (err && err.name === 'AbortError')) {
        return;
      }
      if (err && err.status === 400) {
        /* a filter the server refused: the markers on the map no longer answer the filters,
         * so they go, and the note says which filter and what to do (never the developer's
         * message, which is English) */
        showFeatures([]);
        markBad(err.param);
        note(T.bad.hasOwnProperty(err.param) ? T.bad[err.param] : T.bad.other, 'error');
      } else {
        /* the server or the network is away: what is on the map is still the last answer */
        note(T.loadError + '. ' + T.retry, 'error');
      }
    }).then(function () {
      if (mine === seq) {
        setLoading(false);
        controller = null;
      }
    });
  }

  function schedule() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(load, 250);
  }

  map.on('moveend', function () {
    keepHash();
    schedule();
  });

  /* ---- filter form behaviour ------------------------------------------ */

  if (form) {
    form.addEventListener('change', function () {
      updateFilterCount();
      keepHash();
      schedule();
    });
    form.addEventListener('input', function (e) {
      if (e.target && e.target.name === 'max_price') {
        updateFilterCount();
        keepHash();
        schedule();
      }
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      schedule();
    });

    /* On a phone the filters collapse behind one button (CSS decides when). */
    var toggle = el('button', 'filters-toggle');
    toggle.type = 'button';
    toggle.setAttribute('aria-expanded', 'false');
    if (!form.id) {
      form.id = 'filters';
    }
    toggle.setAttribute('aria-controls', form.id);
    toggle.appendChild(el('span', 'filters-toggle-icon'));
    toggle.appendChild(el('span', 'filters-toggle-label', T.filters));
    var countEl = el('span', 'filters-count');
    toggle.appendChild(countEl);
    form.insertBefore(toggle, form.firstChild);
    form.classList.add('filters-collapsible');
    toggle.addEventListener('click', function () {
      var open = !form.classList.contains('filters-open');
      form.classList.toggle('filters-open', open);
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    /* a tap on the map or a drag closes the open panel (not movestart: a
     * phone keyboard opening resizes and so pans the map) */
    map.on('click dragstart', function () {
      if (form.classList.contains('filters-open')) {
        form.classList.remove('filters-open');
        toggle.setAttribute('aria-expanded', 'false');
      }
    });
  }

  function updateFilterCount() {
    var n = filterParams().length;
    var c = form && form.querySelector('.filters-count');
    if (c) {
      c.textContent = n ? String(n) : '';
      c.hidden = !n;
    }
  }
  updateFilterCount();

  /* ---- legend ---------------------------------------------------------- */

  var Legend = L.Control.extend({
    options: { position: 'bottomleft' },
    onAdd: function () {
      var box = el('div', 'map-legend');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', T.legend);
      STATUSES.forEach(function (s) {
        var item = el('span', 'legend-item');
        item.appendChild(el('span', 'dot dot-' + s));
        item.appendChild(document.createTextNode(T.status[s]));
        box.appendChild(item);
      });
      L.DomEvent.disableClickPropagation(box);
      return box;
    }
  });
  new Legend().addTo(map);

  /* ---- locate me (optional, fails silently) --------------------------- */

  if (navigator.geolocation && window.isSecureContext !== false) {
    var here = null;
    var Locate = L.Control.extend({
      options: { position: 'topright' },
      onAdd: function () {
        var bar = el('div', 'leaflet-bar map-locate');
        var btn = el('a', 'map-locate-btn');
        btn.href = '#';
        btn.setAttribute('role', 'button');
        btn.title = T.locate;
        btn.setAttribute('aria-label', T.locate);
        btn.appendChild(el('span', 'map-locate-icon'));
        bar.appendChild(btn);
        L.DomEvent.disableClickPropagation(bar);
        L.DomEvent.on(btn, 'click', function (e) {
          L.DomEvent.preventDefault(e);
          bar.classList.add('is-busy');
          navigator.geolocation.getCurrentPosition(function (pos) {
            bar.classList.remove('is-busy');
            var ll = L.latLng(pos.coords.latitude, pos.coords.longitude);
            if (here) {
              here.setLatLng(ll);
            } else {
              here = L.circleMarker(ll, {
                radius: 7, weight: 3, color: '#fff', fillColor: '#2563eb', fillOpacity: 1,
                interactive: false, className: 'you-are-here'
              }).addTo(map);
            }
            map.setView(ll, Math.max(map.getZoom(), 13));
          }, function () {
            bar.classList.remove('is-busy');
          }, { enableHighAccuracy: false, timeout: 10000, maximumAge: 60000 });
        });
        return bar;
      }
    });
    new Locate().addTo(map);
  }

  /* ---- go ------------------------------------------------------------- */

  keepHash();
  load();
})();
