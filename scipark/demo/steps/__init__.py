"""The demo's built-in steps: registry structure, enterprises, accounts."""
