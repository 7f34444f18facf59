"""Readers and writers, one module per format, registered by name and file extension.

The registry is :mod:`argmap.formats.registry`. This package imports nothing itself, so
that ``argmap solve`` can read source text through :mod:`argmap.formats.source_text`
without loading the debate model and every format's entry.
"""
