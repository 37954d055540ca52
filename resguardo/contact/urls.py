from django.urls import path

from resguardo.contact import views

app_name = "contact"
urlpatterns = [
    path("", views.contact, name="form"),
    path("sent/", views.sent, name="sent"),
]
