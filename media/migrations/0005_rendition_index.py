from django.db import migrations, models


def index_existing_renditions(apps, schema_editor):
    """Fill each image's rendition index from its Rendition rows (media.renditions.index_renditions)."""
    Image = apps.get_model("media", "Image")
    Rendition = apps.get_model("media", "Rendition")
    storage = Rendition._meta.get_field("file").storage
    indexes: dict[int, dict] = {}
    rows = Rendition.objects.order_by("image_id", "crop", "format", "width")
    for pk, image_id, crop, fmt, width, height, name in rows.values_list(
        "pk", "image_id", "crop", "format", "width", "height", "file"
    ).iterator():
        try:
            size = storage.size(name)
        except OSError:
            size = None
        index = indexes.setdefault(image_id, {})
        index.setdefault(crop, {}).setdefault(fmt, []).append([width, height, name, pk, size])
    for image_id, index in indexes.items():
        Image.objects.filter(pk=image_id).update(rendition_index=index)


class Migration(migrations.Migration):
    dependencies = [
        ("media", "0004_image_is_animation_kept"),
    ]

    operations = [
        migrations.AddField(
            model_name="image",
            name="changed_at",
            field=models.DateTimeField(auto_now=True, verbose_name="last changed"),
        ),
        migrations.AddField(
            model_name="image",
            name="rendition_index",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="renditions made"),
        ),
        migrations.RunPython(index_existing_renditions, migrations.RunPython.noop),
    ]
