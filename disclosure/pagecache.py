"""What the page cache must know of disclosure's content (cluster.pagecache registry)."""

from cluster.pagecache.dependencies import track_model

# Every annual report of an organisation is listed in its catalog's 年报 node.
track_model("disclosure.AnnualReport", "collection")
