"""The accounts pages, one module per page group: ``signin`` (login, logout, the second factor, one's own
password), ``profile`` (one's own account and API tokens), ``users`` (the security admin's accounts and role
grants), ``tokens`` (the security admin's view of everyone's API tokens), ``audit`` (the audit admin's
logs) and ``language`` (the language switch, which keeps a signed-in user's choice).
"""

# django-axes is configured with this dotted path (AXES_LOCKOUT_CALLABLE, docs/security.md row 5).
from .signin import lockout_response

__all__ = ["lockout_response"]
