from django.urls import path

from resguardo.catalogue import views
from resguardo.catalogue.feeds import NewResources

app_name = "catalogue"
urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue.json", views.catalogue, {"format": "json"}, name="catalogue-json"),
    path("catalogue.csv", views.catalogue, {"format": "csv"}, name="catalogue-csv"),
    path("resources/<slug:slug>/", views.resource, name="resource"),
    path("resources/<slug:slug>/file", views.resource_file, name="file"),
    path("resources/<slug:slug>/light/<str:kind>", views.resource_light, name="light"),
    path("resources/<slug:slug>/text/", views.resource_text, name="text"),
    path("resources/<slug:slug>/text/<int:number>/", views.resource_text, name="text-part"),
    path("resources/<slug:slug>/text.txt", views.resource_text, {"format": "txt"},
         name="text-txt"),
    path("resources/<slug:slug>/captions.vtt", views.resource_captions, name="captions"),
    path("feeds/new.atom", NewResources(), name="feed"),
]
