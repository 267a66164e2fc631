"""Bundled rule packs (YAML data); a package only so that installs ship them."""
