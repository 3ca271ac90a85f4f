"""Stage 1, load: find inventory files and parse them into documents that remember their lines."""

from aiguard.load.discover import INVENTORY_SUFFIXES, discover
from aiguard.load.documents import Document, LineMap, dotted, load_documents, read_document, read_documents

__all__ = ["INVENTORY_SUFFIXES", "Document", "LineMap", "discover", "dotted", "load_documents", "read_document",
           "read_documents"]
