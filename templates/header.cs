<!doctype html>
<html lang="<?cs var:Req.Lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?>evshare</title>
<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">
<?cs if:Page.Leaflet ?><link rel="stylesheet" href="/static/vendor/leaflet/leaflet.css">
<?cs /if ?><?cs if:Page.Cluster ?><link rel="stylesheet" href="/static/vendor/leaflet/MarkerCluster.css">
<link rel="stylesheet" href="/static/vendor/leaflet/MarkerCluster.Default.css">
<?cs /if ?><link rel="stylesheet" href="/static/css/evshare.css?v=<?cs var:Version ?>">
</head>
<body class="<?cs var:Page.Class ?>">
<header class="site">
 <a class="logo" href="/">evshare</a>
 <nav aria-label="<?cs var:L.Nav.Label ?>">
  <a href="/"<?cs if:Page.Class == "page-map" ?> aria-current="page"<?cs /if ?>><?cs var:L.Nav.Map ?></a>
 </nav>
 <div class="lang-switch" aria-label="<?cs var:L.Nav.Language ?>">
  <?cs if:Req.Lang == "cs" ?><strong aria-current="true">CS</strong> <a href="?lang=en" hreflang="en" lang="en">EN</a><?cs
  else ?><a href="?lang=cs" hreflang="cs" lang="cs">CS</a> <strong aria-current="true">EN</strong><?cs /if ?>
 </div>
</header>
