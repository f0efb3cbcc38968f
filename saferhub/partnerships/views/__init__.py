"""The administration pages of areas, partnerships, organisations and sharing agreements, one module per noun."""
