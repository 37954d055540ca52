from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from resguardo.catalogue.editors import throttled
from resguardo.catalogue.sitemaps import SITEMAPS

handler500 = "resguardo.lib.errors.server_error"

urlpatterns = [
    path("", include("resguardo.catalogue.urls")),
    path("learn/", include("resguardo.pages.urls")),
    path("trainings/", include("resguardo.events.urls")),
    path("propose/", include("resguardo.contributions.urls")),
    path("contact/", include("resguardo.contact.urls")),
    path("editors/login/", throttled(admin.site.login), name="editors-login"),
    path("editors/", include("resguardo.accounts.urls")),
    path("editors/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt",
                                            content_type="text/plain; charset=utf-8")),
    path("opensearch.xml", TemplateView.as_view(
        template_name="opensearch.xml",
        content_type="application/opensearchdescription+xml; charset=utf-8"),
        name="opensearch"),
]
