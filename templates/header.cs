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
 <nav class="site-nav" aria-label="<?cs var:L.Nav.Label ?>">
  <a href="/"<?cs if:Page.Class == "page-map" ?> aria-current="page"<?cs /if ?>><?cs var:L.Nav.Map ?></a>
  <?cs if:User.Owner == "1" ?><a href="/owner"<?cs if:Page.Class == "page-owner" ?> aria-current="page"<?cs /if ?>><?cs var:L.Nav.MyChargers ?></a><?cs /if ?>
  <?cs if:User.Admin == "1" ?><a href="/admin"<?cs if:Page.Class == "page-admin" ?> aria-current="page"<?cs /if ?>><?cs var:L.Nav.Admin ?></a><?cs /if ?>
 </nav>
 <?cs # who is signed in (or the way in): on a phone the first row, beside the logo, never scrolled away ?>
 <div class="account-nav">
  <?cs if:User.Name ?><a href="/account" class="nav-account"<?cs if:Page.Class == "page-account" ?> aria-current="page"<?cs /if ?>><?cs var:User.Name ?></a>
  <form method="post" action="/logout" class="nav-logout"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="btn btn-small"><?cs var:L.Nav.Logout ?></button></form><?cs
  else ?><a href="/login" class="nav-login"<?cs if:Req.Path == "/login" ?> aria-current="page"<?cs /if ?>><?cs var:L.Nav.Login ?></a>
  <a href="/register" class="btn btn-primary btn-small"><?cs var:L.Nav.Register ?></a><?cs /if ?>
 </div>
 <div class="lang-switch" aria-label="<?cs var:L.Nav.Language ?>">
  <?cs if:Req.Lang == "cs" ?><strong aria-current="true">CS</strong> <a href="?lang=en" hreflang="en" lang="en">EN</a><?cs
  else ?><a href="?lang=cs" hreflang="cs" lang="cs">CS</a> <strong aria-current="true">EN</strong><?cs /if ?>
 </div>
</header>
