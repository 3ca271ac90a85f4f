"""Evidence: check an inventory's claims against the artifacts themselves (``aiguard verify``).

Stages, one module each: ``roots`` (where a store, repository or bundle is: a local directory or an
fsspec URL; paths kept inside the root), ``sniff`` (a file's real format from its bytes),
``hashing`` (streamed sha256, files in parallel), ``pickles`` (static pickle scan, never
unpickling), ``secrets`` (a secret detector over repositories and bundles), ``signatures``
(model-signing where a signature file is present), ``document`` (the evidence file: build, digest,
read back for ``aiguard check --evidence``) and ``verify`` (the orchestration).

Nothing here is imported by ``aiguard check`` unless ``--evidence`` is given, and then only
``document``; the scanners load only in ``aiguard verify``.
"""
