from django.urls import path

from resguardo.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.page, name="page"),
]
