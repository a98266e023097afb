"""MongoDB access. Importing this package first keeps pymongo from loading `cryptography` for nothing.

pymongo tries PyOpenSSL (for OCSP) by importing `pymongo.pyopenssl_context`, which imports
`cryptography.x509` (~35 ms) before it finds that PyOpenSSL is absent, then falls back to the standard
library's ssl. The layer ships `cryptography` (for token signatures) but never PyOpenSSL, so that import
could only ever fail: it is marked absent here, and a function that touches MongoDB without checking a
token (webhooks, reconcile) keeps its cold path.
"""

import sys

sys.modules.setdefault("pymongo.pyopenssl_context", None)  # type: ignore[arg-type]
