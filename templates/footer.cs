<footer class="site-footer">
 <nav aria-label="<?cs var:L.Footer.Label ?>">
  <a href="/terms"<?cs if:Req.Path == "/terms" ?> aria-current="page"<?cs /if ?>><?cs var:L.Footer.Terms ?></a>
  <a href="/privacy"<?cs if:Req.Path == "/privacy" ?> aria-current="page"<?cs /if ?>><?cs var:L.Footer.Privacy ?></a>
  <a href="/contact"<?cs if:Req.Path == "/contact" ?> aria-current="page"<?cs /if ?>><?cs var:L.Footer.Contact ?></a>
 </nav>
 <p class="muted"><?cs var:L.Footer.Tagline ?></p>
</footer>
</body>
</html>
