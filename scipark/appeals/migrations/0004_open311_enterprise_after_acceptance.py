"""An Open311 request reaches an enterprise's inbox only after 企业服务 accepted it (issue 9 item 4,
SECURITY.md row 2): the enterprise the requester named is kept as ``claimed_enterprise`` and the
dispatcher confirms or corrects it when accepting. Open311 appeals linked at intake and never accepted
are unlinked here (their link becomes the claim); those already accepted keep the link staff saw."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def unlink_unaccepted(apps: Any, schema_editor: Any) -> None:
    appeal = apps.get_model("appeals", "Appeal")
    step = apps.get_model("appeals", "AppealStep")
    accepted = step.objects.filter(action="accept").values("appeal_id")
    pending = appeal.objects.filter(channel="open311", enterprise__isnull=False).exclude(pk__in=accepted)
    for row in pending.only("pk", "enterprise_id"):
        appeal.objects.filter(pk=row.pk).update(claimed_enterprise_id=row.enterprise_id, enterprise=None)


def relink(apps: Any, schema_editor: Any) -> None:
    appeal = apps.get_model("appeals", "Appeal")
    pending = appeal.objects.filter(channel="open311", enterprise__isnull=True, claimed_enterprise__isnull=False)
    for row in pending.only("pk", "claimed_enterprise_id"):
        appeal.objects.filter(pk=row.pk).update(enterprise_id=row.claimed_enterprise_id)


class Migration(migrations.Migration):

    dependencies = [
        ('appeals', '0003_send_back_and_conclude'),
        ('enterprises', '0003_tag_palette'),
    ]

    operations = [
        migrations.AddField(
            model_name='appeal',
            name='claimed_enterprise',
            field=models.ForeignKey(blank=True, help_text='外部诉求人指明的企业,受理时由企业服务部门确认或更正后才关联', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='enterprises.enterprise', verbose_name='诉求人所称企业'),
        ),
        migrations.RunPython(unlink_unaccepted, relink),
    ]
