"""The device's offline copy: compact read-only datasets a phone keeps for its warehouses."""
