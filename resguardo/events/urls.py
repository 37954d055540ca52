from django.urls import path

from resguardo.events import views

app_name = "events"
urlpatterns = [
    path("", views.index, name="index"),
    path("past/", views.past, name="past"),
    path("past/<int:number>/", views.past, name="past-page"),
    # Before the event's own .ics: "calendar" is a reserved slug (models.RESERVED_SLUGS).
    path("calendar.ics", views.calendar, name="calendar"),
    path("<slug:slug>/", views.event, name="event"),
    path("<slug:slug>.ics", views.event_ics, name="event-ics"),
]
