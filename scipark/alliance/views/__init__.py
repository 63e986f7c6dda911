"""Alliance pages, one module per page group: the alliance and its chains (``structure``), the three
lists (``needs``, ``resources``, ``actions``) and what needs and resources share (``items``).

Thin: forms validate, services write, selectors read. Every page declares its domain and action and
finds its object with core's ``object_or_404``; form pages are ``ServiceFormView`` and buttons
``ServiceActionView``, so the error policy (404/403, the form, 409 on a stale version) is core's.
"""
