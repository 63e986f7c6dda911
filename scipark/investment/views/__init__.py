"""Pages of the investment app: one module per page group (projects, the dashboard, financing)."""
