from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Image library")

    def ready(self):
        from PIL import Image as PillowImage
        from PIL import ImageFile

        from richtext.xml_text import connect_text_cleaning

        from .file_cleanup import connect_file_cleanup
        from .validators import MAX_PIXELS

        # Every Pillow open in the process (metadata, renditions, the management commands)
        # refuses what the upload validation refuses: Pillow warns above this and raises
        # at twice it. A file cut short is an error, never a picture padded with grey,
        # whatever another library may have set.
        PillowImage.MAX_IMAGE_PIXELS = MAX_PIXELS
        ImageFile.LOAD_TRUNCATED_IMAGES = False

        connect_file_cleanup()
        # No character XML cannot carry reaches a feed from a caption or a credit.
        connect_text_cleaning(*self.get_models())
