"""Webhooks move to the `webhooks` app (webhooks/migrations/0001_models_from_actions.py): state only,
the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("actions", "0012_recommendation_kind_and_adoption"),
        ("webhooks", "0001_models_from_actions"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='webhookdelivery',
                    name='webhook',
                ),
                migrations.RemoveField(
                    model_name='webhookdelivery',
                    name='item',
                ),
                migrations.DeleteModel(
                    name='Webhook',
                ),
                migrations.DeleteModel(
                    name='WebhookDelivery',
                ),
            ],
            database_operations=[],
        ),
    ]
