"""What the image library says when a photo changes, for the apps that show photos.

``image_saved`` is sent by ``media.services.save_image`` inside the saving
transaction, with ``image_id`` and ``changed_fields`` (the form fields that
changed; empty for a new image). The apps above this one connect to it from
their ``AppConfig.ready()``; whatever must wait for the commit, they defer.
"""

from django.dispatch import Signal

image_saved = Signal()
