"""What the authors app says when a profile changes, for the apps that show authors.

``author_saved`` is sent by ``authors.services.save_author`` inside the saving
transaction, with ``author_id`` and ``changed_fields`` (the form fields that
changed; empty for a new profile). The apps above this one connect to it from
their ``AppConfig.ready()``; whatever must wait for the commit, they defer.
"""

from django.dispatch import Signal

author_saved = Signal()
