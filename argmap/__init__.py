"""argmap: structured debates as argument maps."""

__version__ = "0.1.0"
