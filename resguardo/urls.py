from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.generic import TemplateView

from resguardo.accounts.throttle import throttled
from resguardo.home.sitemaps import SITEMAPS
from resguardo.home.views import bare_home, home, theme
from resguardo.web.languages import choose

handler500 = "resguardo.web.errors.server_error"

# Readers' pages carry their language in the address (/es/catalogue/): a link, a bookmark
# and the offline copy keep it, and caches hold one page per language. An address without
# it is sent to the reader's language (remembered choice, then the browser's), except the
# bare address, which answers with the home page in that language: one round trip fewer.
urlpatterns = i18n_patterns(
    path("", home, name="home"),
    path("", include("resguardo.catalogue.urls")),
    path("themes/<slug:slug>/", theme, name="theme"),
    path("learn/", include("resguardo.pages.urls")),
    path("trainings/", include("resguardo.events.urls")),
    path("propose/", include("resguardo.contributions.urls")),
    path("contact/", include("resguardo.contact.urls")),
    path("ask/", include("resguardo.asks.urls")),
    path("opensearch.xml", TemplateView.as_view(
        template_name="opensearch.xml",
        content_type="application/opensearchdescription+xml; charset=utf-8"),
        name="opensearch"),
)
urlpatterns += [
    path("", bare_home, name="bare-home"),
    path("language/<str:code>/", choose, name="language"),
    path("editors/login/", throttled(admin.site.login), name="editors-login"),
    path("editors/", include("resguardo.accounts.urls")),
    path("editors/", admin.site.urls),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS},
         name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt",
                                            content_type="text/plain; charset=utf-8")),
]
