"""Bundled check suites (YAML data); a package only so that installs ship them."""
