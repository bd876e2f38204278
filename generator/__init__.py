"""Generator for the Henan industrial-cluster document archive.

Pipeline (one module per stage): read -> clean -> extract -> render ->
index -> search, orchestrated by :mod:`generator.pipeline`.
"""

__version__ = "0.1.0"
