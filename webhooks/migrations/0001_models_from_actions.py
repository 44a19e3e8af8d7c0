"""Webhook and WebhookDelivery, moved from `actions` with their tables (state only: no row moves).

A deployed database keeps `actions_webhook` and `actions_webhookdelivery` as they are; only
Django's picture of which app owns them changes, and their content types (so permissions
given to staff still apply) move with them.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

import webhooks.models

MOVED = ("webhook", "webhookdelivery")


def move_content_types(apps, schema_editor, source="actions", target="webhooks"):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_type.objects.filter(app_label=target, model=model).exists():
            content_type.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="webhooks", target="actions")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("actions", "0010_reminder_recipient_index"),
        ("meetings", "0002_participant_head_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Webhook',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('url', models.URLField(help_text='Only http:// and https:// addresses that reach a public address.', max_length=500, validators=[django.core.validators.URLValidator(schemes=['http', 'https']), webhooks.models.validate_webhook_target], verbose_name='URL')),
                        ('secret', models.CharField(default=webhooks.models.new_webhook_secret, help_text='Signs each body: X-Tracker-Signature: sha256=HMAC-SHA256(secret, body).', max_length=100, verbose_name='secret')),
                        ('events', models.JSONField(default=list, help_text='A list of the events to send: item.created, item.status_changed, item.deadline_moved, item.overdue.', validators=[webhooks.models.validate_webhook_events], verbose_name='events')),
                        ('active', models.BooleanField(default=True, verbose_name='active')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='webhooks', to='meetings.meeting', verbose_name='meeting')),
                    ],
                    options={
                        'verbose_name': 'webhook',
                        'verbose_name_plural': 'webhooks',
                        'db_table': 'actions_webhook',
                        'ordering': ['meeting', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='WebhookDelivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('event', models.CharField(choices=[('item.created', 'item created'), ('item.status_changed', 'item status changed'), ('item.deadline_moved', 'item deadline moved'), ('item.overdue', 'item overdue')], max_length=40, verbose_name='event')),
                        ('key', models.CharField(blank=True, max_length=200, verbose_name='once-only key')),
                        ('payload', models.JSONField(verbose_name='payload')),
                        ('state', models.CharField(choices=[('pending', 'pending'), ('sent', 'sent'), ('failed', 'failed')], default='pending', max_length=10, verbose_name='state')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                        ('last_status_code', models.PositiveIntegerField(blank=True, null=True, verbose_name='last HTTP status')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('created_at', models.DateTimeField(db_index=True, verbose_name='created')),
                        ('last_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='last attempt')),
                        ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered')),
                        ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt')),
                        ('claim_token', models.CharField(blank=True, editable=False, max_length=32)),
                        ('claimed_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='actions.actionitem', verbose_name='item')),
                        ('webhook', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='webhooks.webhook', verbose_name='webhook')),
                    ],
                    options={
                        'verbose_name': 'webhook delivery',
                        'verbose_name_plural': 'webhook deliveries',
                        'db_table': 'actions_webhookdelivery',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(condition=models.Q(('state', 'pending')), fields=['next_attempt_at'], name='webhook_delivery_due')],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('key', ''), _negated=True), fields=('webhook', 'key'), name='webhook_delivery_once')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
