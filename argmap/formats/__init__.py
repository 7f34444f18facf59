"""Readers and writers, one module per format, registered by name and file extension."""

from argmap.formats.registry import FORMATS, Format, detect_format, get_format

__all__ = ["FORMATS", "Format", "detect_format", "get_format"]
