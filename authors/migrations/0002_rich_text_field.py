# The full bio becomes a richtext.fields.RichTextField: the same text column, now
# sanitised by the field itself. Only Django's model state changes.

from django.db import migrations

import richtext.fields


class Migration(migrations.Migration):
    dependencies = [
        ("authors", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="author",
                    name="full_bio",
                    field=richtext.fields.RichTextField(blank=True, verbose_name="full bio"),
                ),
            ],
            database_operations=[],
        ),
    ]
