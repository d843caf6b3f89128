from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("editor-upload/", views.editor_upload, name="editor-upload"),
]
