"""Under /editors/, before the admin's own addresses."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from resguardo.accounts import views

app_name = "accounts"
urlpatterns = [
    path("enrol/<str:token>/", views.enrol, name="enrol"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"),
         name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        success_url=reverse_lazy("accounts:password-reset-complete")),
         name="password-reset-confirm"),
    path("password-reset/complete/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"),
         name="password-reset-complete"),
]
