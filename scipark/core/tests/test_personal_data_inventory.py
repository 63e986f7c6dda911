"""SECURITY.md row 20: every field that holds personal data is declared, with its purpose, on its model."""

from django.apps import apps

#: Field names that hold personal data wherever they appear (PIPL): a model that has one must declare it.
PERSONAL_NAMES = {"full_name", "first_name", "last_name", "phone", "mobile", "email", "id_number", "id_card"}
#: Models whose ``name`` is a person's name.
PERSON_MODELS = {"enterprises.contact", "innovation.expert", "innovation.talent"}


def test_every_personal_field_is_declared_with_a_purpose():
    undeclared = []
    for model in apps.get_models():
        if not model.__module__.startswith("scipark."):
            continue
        declared = getattr(model, "PERSONAL_FIELDS", {})
        names = {f.name for f in model._meta.get_fields() if hasattr(f, "column")}
        personal = names & PERSONAL_NAMES
        if model._meta.label_lower in PERSON_MODELS:
            personal |= {"name"}
        for field in sorted(personal):
            if not declared.get(field, "").strip():
                undeclared.append(f"{model._meta.label}.{field}")
    assert not undeclared, "personal fields without a declared purpose: " + ", ".join(undeclared)
