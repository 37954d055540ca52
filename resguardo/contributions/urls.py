from django.urls import path

from resguardo.contributions import views

app_name = "contributions"
urlpatterns = [
    path("", views.propose, name="propose"),
    path("status/", views.status, name="status"),
]
