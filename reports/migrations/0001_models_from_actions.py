"""MinutesImport and ImportCandidate, moved from `actions` with their tables; the review's new fields."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("actions", "0006_open_items_by_owner_and_meeting"),
        ("meetings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MinutesImport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("file_name", models.CharField(max_length=255, verbose_name="file name")),
                        ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                        ("created_at", models.DateTimeField(verbose_name="uploaded")),
                        ("candidate_count", models.PositiveIntegerField(default=0, verbose_name="candidates")),
                        ("meeting", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                      related_name="minutes_imports", to="meetings.meeting",
                                                      verbose_name="meeting")),
                        ("uploaded_by", models.ForeignKey(blank=True, null=True,
                                                          on_delete=django.db.models.deletion.SET_NULL,
                                                          related_name="+", to=settings.AUTH_USER_MODEL,
                                                          verbose_name="uploaded by")),
                    ],
                    options={
                        "verbose_name": "report import",
                        "verbose_name_plural": "report imports",
                        "db_table": "actions_minutesimport",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="ImportCandidate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("position", models.PositiveIntegerField(help_text="Order in the report.", verbose_name="position")),
                        ("data", models.JSONField(verbose_name="candidate")),
                        ("import_key", models.CharField(max_length=64, verbose_name="import key")),
                        ("state", models.CharField(choices=[("pending", "Pending review"), ("accepted", "Accepted"),
                                                            ("rejected", "Rejected"), ("duplicate", "Already an item")],
                                                   default="pending", max_length=10, verbose_name="state")),
                        ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                        ("decided_by", models.ForeignKey(blank=True, null=True,
                                                         on_delete=django.db.models.deletion.SET_NULL,
                                                         related_name="+", to=settings.AUTH_USER_MODEL,
                                                         verbose_name="decided by")),
                        ("item", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                                                   related_name="+", to="actions.actionitem",
                                                   verbose_name="action item")),
                        ("minutes_import", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                                             related_name="candidates", to="reports.minutesimport",
                                                             verbose_name="report import")),
                    ],
                    options={
                        "verbose_name": "follow-up candidate",
                        "verbose_name_plural": "follow-up candidates",
                        "db_table": "actions_importcandidate",
                        "ordering": ["minutes_import", "position"],
                        "constraints": [models.UniqueConstraint(fields=("minutes_import", "position"),
                                                                name="candidate_position_unique")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="minutesimport",
            name="blocks",
            field=models.JSONField(blank=True, default=list, verbose_name="report text"),
        ),
        migrations.AddField(
            model_name="minutesimport",
            name="notes",
            field=models.JSONField(blank=True, default=list, verbose_name="notes on the whole report"),
        ),
        migrations.AlterField(
            model_name="importcandidate",
            name="state",
            field=models.CharField(
                choices=[("pending", "Pending review"), ("accepted", "Accepted"), ("rejected", "Rejected"),
                         ("duplicate", "Already an item"), ("mention", "Mentions a date — not proposed")],
                default="pending", max_length=10, verbose_name="state",
            ),
        ),
    ]
