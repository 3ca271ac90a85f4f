"""The version, in a module of its own: read by the package, the API and the build (hatch)."""

__version__ = "0.1.0"
