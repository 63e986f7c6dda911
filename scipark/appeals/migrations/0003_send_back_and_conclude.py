"""Appeals' 退回 gets its own code name (``send_back`` / ``sent_back``: a "return" is the economy's monthly
return) and 办结 is ``conclude`` (an appeal is concluded whether or not it was resolved); ADR 0007.
The stored states and timeline steps are renamed with the choices."""

from typing import Any

from django.db import migrations, models

#: (old, new) codes of states and of step actions.
STATES = [("returned", "sent_back")]
ACTIONS = [("return", "send_back"), ("resolve", "conclude")]


def rename(apps: Any, pairs_states: list[tuple[str, str]], pairs_actions: list[tuple[str, str]]) -> None:
    appeal = apps.get_model("appeals", "Appeal")
    step = apps.get_model("appeals", "AppealStep")
    for old, new in pairs_states:
        appeal.objects.filter(state=old).update(state=new)
        step.objects.filter(from_state=old).update(from_state=new)
        step.objects.filter(to_state=old).update(to_state=new)
    for old, new in pairs_actions:
        step.objects.filter(action=old).update(action=new)


def forwards(apps: Any, schema_editor: Any) -> None:
    rename(apps, STATES, ACTIONS)


def backwards(apps: Any, schema_editor: Any) -> None:
    rename(apps, [(n, o) for o, n in STATES], [(n, o) for o, n in ACTIONS])


class Migration(migrations.Migration):

    dependencies = [
        ('appeals', '0002_load_holidays'),
    ]

    operations = [
        migrations.AlterField(
            model_name='appeal',
            name='state',
            field=models.CharField(choices=[('submitted', '待受理'), ('accepted', '已受理'), ('assigned', '已转办'), ('in_progress', '办理中'), ('sent_back', '已退回'), ('concluded', '已办结'), ('rated', '已回访'), ('archived', '已归档')], db_index=True, default='submitted', max_length=20, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='appealstep',
            name='action',
            field=models.CharField(choices=[('submit', '提交'), ('accept', '受理'), ('assign', '转办'), ('start', '开始办理'), ('send_back', '退回'), ('conclude', '办结'), ('rate', '回访评价'), ('reopen', '重办'), ('archive', '归档'), ('note', '备注'), ('escalate', '超期督办')], max_length=20, verbose_name='操作'),
        ),
        migrations.AlterField(
            model_name='appealstep',
            name='from_state',
            field=models.CharField(blank=True, choices=[('submitted', '待受理'), ('accepted', '已受理'), ('assigned', '已转办'), ('in_progress', '办理中'), ('sent_back', '已退回'), ('concluded', '已办结'), ('rated', '已回访'), ('archived', '已归档')], max_length=20, verbose_name='原状态'),
        ),
        migrations.AlterField(
            model_name='appealstep',
            name='to_state',
            field=models.CharField(choices=[('submitted', '待受理'), ('accepted', '已受理'), ('assigned', '已转办'), ('in_progress', '办理中'), ('sent_back', '已退回'), ('concluded', '已办结'), ('rated', '已回访'), ('archived', '已归档')], max_length=20, verbose_name='新状态'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
