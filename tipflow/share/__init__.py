"""Share: pseudonymised tokens an institution computes locally, and their linkage at a hub.

``tokens`` turns a dataset into keyed HMAC tokens and Bloom-filter name encodings
(``make_tokens``); ``linkage`` joins the token folders of several institutions into
cross-institution ties and networks (``link_tokens``). The hub only ever sees tokens; the
local lookup back to account ids stays with the institution. See docs/sharing.md.
"""

from __future__ import annotations
