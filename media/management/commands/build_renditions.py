"""Make the responsive renditions that pages show instead of the originals.

New uploads get theirs right after saving (``media.services.schedule_renditions``).
This command fills the gaps: images from before renditions existed, imports that
bypassed the library, and uploads whose renditions failed (the failure is logged).
With ``--force`` it remakes them all, after the widths, crops or quality change.
It can run at any time: pages keep showing the original until an image's renditions
exist, and nothing is made twice.
"""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from media.models import Image
from media.renditions import build_renditions, missing_renditions

BATCH_SIZE = 100


class Command(BaseCommand):
    help = "Make the missing renditions of every image (or of the images given), or remake them with --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--image-id",
            dest="image_ids",
            type=int,
            nargs="+",
            action="extend",
            metavar="ID",
            help="Only these images (repeatable).",
        )
        parser.add_argument("--force", action="store_true", help="Remake renditions that exist already.")
        parser.add_argument("--dry-run", action="store_true", help="Count what would be made; change nothing.")

    def handle(self, *args, image_ids=None, force=False, dry_run=False, verbosity=1, **options):
        images = Image.objects.order_by("pk").with_renditions()
        if image_ids:
            images = images.filter(pk__in=image_ids)
            unknown = set(image_ids) - set(images.values_list("pk", flat=True))
            if unknown:
                raise CommandError(f"No image with id {', '.join(map(str, sorted(unknown)))}.")
        total = images.count()

        verb = "Would make" if dry_run else "Made"
        made = touched = 0
        failed = []
        # The bar is for a person at a terminal: not for cron mail, logs or tests.
        with tqdm(
            total=total, unit="image", file=sys.stderr, disable=verbosity == 0 or not sys.stderr.isatty()
        ) as progress:
            for image in images.iterator(chunk_size=BATCH_SIZE):
                try:
                    if dry_run:
                        count = len(missing_renditions(image, force=force))
                    else:
                        count = len(build_renditions(image, force=force))
                except Exception as error:  # one broken file must not stop the run
                    failed.append(image.pk)
                    with tqdm.external_write_mode(file=sys.stderr):
                        self.stderr.write(f"Image {image.pk} ({image.file.name}): {error}")
                    count = 0
                if count:
                    made += count
                    touched += 1
                    if verbosity >= 2:
                        with tqdm.external_write_mode(file=sys.stderr):
                            self.stdout.write(f"Image {image.pk}: {verb.lower()} {count} renditions")
                progress.update()

        if verbosity:
            style = self.style.WARNING if failed else self.style.SUCCESS
            self.stdout.write(style(f"{verb} {made} renditions for {touched} of {total} images."))
        if failed:
            raise CommandError(
                f"{len(failed)} images could not be processed (ids {', '.join(map(str, failed[:20]))}"
                f"{', …' if len(failed) > 20 else ''}); their pages show the original."
            )
