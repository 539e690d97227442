"""termbase: a trilingual (English, Russian, Chinese) glossary of AI model types and its outputs."""

__version__ = "0.1.0"
