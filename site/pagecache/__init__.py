"""Page cache: published pages served from a cache and purged precisely when what they show changes.

See docs/pagecache.md for the design (dependency tags, purge rules, what is never cached).
"""
