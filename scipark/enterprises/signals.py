"""What the enterprise registry announces to the apps built on it (DESIGN.md: domain apps depend downward,
so the registry imports none of them; they connect receivers to these signals in their ``ready()``).
"""

from __future__ import annotations

from django.dispatch import Signal

#: Sent by the status services inside their transaction, after a status period was added or ended
#: (``sender`` is ``EnterpriseStatus``). Arguments: ``enterprise_id``, ``kind``, and the period ``before``
#: and ``after`` the change as ``(valid_from, valid_to)`` (``None``: no such period — added: ``before``
#: is ``None``). A receiver's error rolls the change back: what depends on status histories (the
#: economy's above-scale aggregates) stays consistent with them.
enterprise_status_changed = Signal()

#: Sent inside the write's transaction, once per write, when enterprises' park or industry changed: by
#: ``enterprise_update`` (the page, the API: one enterprise) and by the registry import
#: (``importers.enterprises_write_many``: every enterprise a chunk moved, after the chunk is written) — every
#: path that changes either (``sender`` is ``Enterprise``; argument ``enterprise_ids``, a list of keys: a
#: receiver moves a chunk's enterprises in one pass, not one by one). What is grouped by park or industry division (the economy's aggregates) follows at
#: once rather than at the enterprise's next return. A receiver's error rolls the change back (the whole
#: import).
enterprise_classified = Signal()
