from django.urls import path

from resguardo.asks import views

app_name = "asks"
urlpatterns = [
    path("<slug:slug>/", views.ask, name="ask"),
    path("<slug:slug>/thanks/", views.thanks, name="thanks"),
]
