"""ReminderPolicy and Reminder, moved from `actions` with their tables (state only: no row moves).

A deployed database keeps `actions_reminderpolicy` and `actions_reminder` as they are; only
Django's picture of which app owns them changes, and their content types (so permissions
given to staff still apply) move with them.
"""

import django.db.models.deletion
import reminders.models
from django.conf import settings
from django.db import migrations, models

MOVED = ("reminderpolicy", "reminder")


def move_content_types(apps, schema_editor, source="actions", target="reminders"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="reminders", target="actions")


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0013_webhooks_move_to_webhooks"),
        ("meetings", "0003_meeting_series"),
        ("reminders", "0001_inbound_messages"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Reminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('recipient_key', models.CharField(max_length=300, verbose_name='recipient key')),
                        ('recipient_email', models.EmailField(blank=True, help_text='For recipients without an account (a focal point).', max_length=254, verbose_name='recipient email')),
                        ('role', models.CharField(choices=[('owner', 'Owner'), ('watcher', 'Watcher'), ('escalation', 'Escalation')], max_length=15, verbose_name='role')),
                        ('slot_key', models.CharField(max_length=60, verbose_name='slot')),
                        ('slot_kind', models.CharField(max_length=15, verbose_name='kind')),
                        ('slot_days', models.SmallIntegerField(verbose_name='days from due')),
                        ('optional', models.BooleanField(default=False, verbose_name='optional')),
                        ('due_at', models.DateTimeField(verbose_name='due at (snapshot)')),
                        ('send_at', models.DateTimeField(db_index=True, verbose_name='send at')),
                        ('state', models.CharField(choices=[('pending', 'Pending'), ('sending', 'Sending'), ('sent', 'Sent'), ('failed', 'Failed'), ('skipped', 'Skipped'), ('cancelled', 'Cancelled')], default='pending', max_length=12, verbose_name='state')),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='claimed at')),
                        ('claim_token', models.CharField(blank=True, editable=False, max_length=32)),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('message_id', models.CharField(default=reminders.models._new_message_id, editable=False, max_length=120, unique=True, verbose_name='Message-ID')),
                        ('created_at', models.DateTimeField(verbose_name='created')),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to='actions.actionitem', verbose_name='item')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminders', to=settings.AUTH_USER_MODEL, verbose_name='recipient')),
                    ],
                    options={
                        'verbose_name': 'reminder',
                        'verbose_name_plural': 'reminders',
                        'db_table': 'actions_reminder',
                        'ordering': ['-send_at', 'id'],
                        'indexes': [models.Index(condition=models.Q(('state', 'pending')), fields=['next_attempt_at'], name='reminder_pending'), models.Index(condition=models.Q(('state', 'sending')), fields=['claimed_at'], name='reminder_sending'), models.Index(fields=['recipient_key', 'send_at'], name='reminder_recipient_send')],
                        'constraints': [models.UniqueConstraint(fields=('item', 'recipient_key', 'slot_key', 'due_at'), name='reminder_once')],
                    },
                ),
                migrations.CreateModel(
                    name='ReminderPolicy',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, verbose_name='name')),
                        ('is_default', models.BooleanField(default=False, help_text='Used for items whose meeting and item name no policy of their own.', verbose_name='default policy')),
                        ('days_before', models.JSONField(blank=True, default=list, help_text='Remind this many days before the due day, e.g. [7, 3, 1].', verbose_name='days before')),
                        ('on_due_day', models.BooleanField(default=True, verbose_name='on the due day')),
                        ('overdue_every_days', models.PositiveSmallIntegerField(default=2, help_text='0 = no overdue reminders.', verbose_name='overdue: repeat every N days')),
                        ('overdue_max_days', models.PositiveSmallIntegerField(default=30, verbose_name='overdue: stop after N days')),
                        ('escalate_after_days', models.PositiveSmallIntegerField(blank=True, default=3, help_text="To the head of delegation and the responsible body's focal point. Empty = never escalate.", null=True, verbose_name='escalate after N days overdue')),
                        ('send_hour', models.PositiveSmallIntegerField(default=9, help_text="Hour of the day in each recipient's own time zone.", verbose_name='send at (local hour)')),
                        ('quiet_after_hour', models.PositiveSmallIntegerField(default=21, help_text='A late catch-up waits for the next morning instead of arriving at night.', verbose_name='no mail from (local hour)')),
                        ('meeting', models.OneToOneField(blank=True, help_text='The items of this meeting follow it unless an item names another.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reminder_policy', to='meetings.meeting', verbose_name='meeting')),
                    ],
                    options={
                        'verbose_name': 'reminder policy',
                        'verbose_name_plural': 'reminder policies',
                        'db_table': 'actions_reminderpolicy',
                        'ordering': ['-is_default', 'name'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('is_default', True)), fields=('is_default',), name='one_default_reminder_policy', violation_error_message='There is already a default policy.')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
