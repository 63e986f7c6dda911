"""Settings for `make run` on a workstation: debug pages on, demo accounts, no MFA."""

from .base import *  # noqa: F403

DEBUG = True
