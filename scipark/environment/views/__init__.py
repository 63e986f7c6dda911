"""Environment pages, one module per page group; forms are ServiceFormViews (core's error policy)."""
