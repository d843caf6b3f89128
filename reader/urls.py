from django.urls import path

from . import views
from .listings import LISTINGS

app_name = "reader"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.LatestView.as_view(), name="latest"),
    path("search/", views.search, name="search"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("api/read/<int:pk>/", views.read_beacon, name="read-beacon"),
    path("tags/<slug:slug>/", views.ListingView.as_view(listing=LISTINGS["tag"]), name="tag"),
    path("authors/<slug:slug>/", views.ListingView.as_view(listing=LISTINGS["author"]), name="author"),
    # Before the sections' pattern below; "info" may not be a section's slug.
    path("info/<slug:slug>/", views.page_detail, name="page"),
    path("<slug:slug>/", views.ListingView.as_view(listing=LISTINGS["section"]), name="section"),
    path("<slug:section>/<slug:slug>/", views.article_detail, name="detail"),
]
