"""The report import's models move to the `reports` app (same tables); items get an English title;
half-year precision and calendar-month rules."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0006_open_items_by_owner_and_meeting"),
        ("reports", "0001_models_from_actions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImportCandidate"),
                migrations.DeleteModel(name="MinutesImport"),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="actionitem",
            name="title_en",
            field=models.CharField(blank=True, max_length=300, verbose_name="English title"),
        ),
        migrations.AlterField(
            model_name="deadline",
            name="precision",
            field=models.CharField(
                choices=[("day", "Day"), ("month", "Month"), ("quarter", "Quarter"), ("half", "Half-year"),
                         ("year", "Year")],
                default="day", max_length=10, verbose_name="precision",
            ),
        ),
        migrations.AlterField(
            model_name="deadline",
            name="rule_unit",
            field=models.CharField(
                blank=True,
                choices=[("days", "calendar days"), ("weeks", "weeks"), ("months", "calendar months"),
                         ("working_days", "working days")],
                max_length=15, verbose_name="unit",
            ),
        ),
    ]
