"""Public Chinese search across the cluster."""
