from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from .services import create_image_from_upload
from .validators import validate_image_file


def _error(message: str, status: int) -> JsonResponse:
    # The shape CKEditor 5's simple upload adapter shows to the editor.
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def editor_upload(request):
    """Receive a photo dropped into CKEditor and file it in the image library."""
    if not (request.user.is_active and request.user.is_staff):
        return _error("Sign in to the admin to upload images.", 403)
    if not request.user.has_perm("media.add_image"):
        return _error("You may not add images to the library.", 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error("No file was sent.", 400)
    try:
        validate_image_file(upload)
    except ValidationError as error:
        return _error(" ".join(error.messages), 400)
    image = create_image_from_upload(upload=upload, uploaded_by=request.user)
    return JsonResponse({"url": image.file.url, "image_id": image.pk})
