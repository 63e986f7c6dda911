"""The economy's pages, one module per page group: ``dashboard`` (经济运行 and its drill-down), ``portal``
(an enterprise's own returns), ``returns`` (the staff side: list, review, who has not reported),
``pipeline`` (规上培育), ``projects`` (固定资产投资) and ``targets`` (indicators and annual targets);
``base`` holds what they share."""
