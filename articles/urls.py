from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("latest/", views.LatestView.as_view(), name="latest"),
    path("search/", views.search, name="search"),
    path("preview/<int:pk>/", views.article_preview, name="preview"),
    path("api/read/<int:pk>/", views.read_beacon, name="read-beacon"),
    path("tags/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("authors/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("<slug:section>/<slug:slug>/", views.article_detail, name="detail"),
]
