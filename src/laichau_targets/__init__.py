"""Track a Vietnamese province's yearly socio-economic plan against reported figures."""

__version__ = "0.1.0"
