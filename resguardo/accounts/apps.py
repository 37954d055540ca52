from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "resguardo.accounts"
    verbose_name = _("Accounts")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with `admin.site` a StaffSite: only staff verified by a TOTP code
    get in (INSTALLED_APPS names this in place of django.contrib.admin)."""

    default = False
    default_site = "resguardo.accounts.sites.StaffSite"
