from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_task_run"),
    ]

    operations = [
        migrations.AddField(
            model_name="taskrun",
            name="worker",
            field=models.CharField(blank=True, default="", max_length=128, verbose_name="执行进程"),
        ),
        migrations.AddField(
            model_name="taskrun",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="执行次数"),
        ),
    ]
