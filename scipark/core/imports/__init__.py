"""The one import pipeline (DESIGN.md rule 5): readers, header mapping, validation, preview, writing,
templates and the generic pages. Modules: ``readers`` (safe .xlsx/CSV reading), ``columns`` (cell
types), ``importer`` (the declarative base class), ``runner`` (``run_import``), ``storage`` (uploads
between preview and confirm), ``template_xlsx``, ``views`` (``ImportView``), ``registry`` (CLI lookup)."""
