"""Reminder policies and the reminder outbox move to the `reminders` app
(reminders/migrations/0002_models_from_actions.py): state only, the tables stay."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0013_webhooks_move_to_webhooks"),
        ("reminders", "0002_models_from_actions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='reminder',
                    name='item',
                ),
                migrations.RemoveField(
                    model_name='reminder',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='reminderpolicy',
                    name='meeting',
                ),
                migrations.AlterField(
                    model_name='actionitem',
                    name='reminder_policy',
                    field=models.ForeignKey(blank=True, help_text="Overrides the meeting's and the default policy for this item.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='items', to='reminders.reminderpolicy', verbose_name='reminder policy'),
                ),
                migrations.DeleteModel(
                    name='Reminder',
                ),
                migrations.DeleteModel(
                    name='ReminderPolicy',
                ),
            ],
            database_operations=[],
        ),
    ]
