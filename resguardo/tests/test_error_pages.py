"""Error pages speak the reader's language: the 500 page (rendered without the database or
context processors) and the page for a refused form (a missing or stale CSRF token)."""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.translation import override

from resguardo.web import errors

FAILING = "/tests/server-error/"  # resguardo/tests/urls.py


@pytest.fixture
def visitor(settings: object) -> Client:
    settings.ROOT_URLCONF = "resguardo.tests.urls"  # type: ignore[attr-defined]
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_the_500_page_says_its_language_in_lang(visitor: Client) -> None:
    page = visitor.get(FAILING, HTTP_ACCEPT_LANGUAGE="es")
    body = page.content.decode()
    assert page.status_code == 500
    assert '<html lang="es" dir="ltr">' in body and "Algo salió mal" in body
    english = visitor.get(FAILING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en" dir="ltr">' in english and "Something went wrong" in english


def test_the_500_page_needs_no_database_and_no_middleware() -> None:
    # No django_db mark: any query would fail this test. The request never went through
    # LocaleMiddleware (the error came first), so the page reads the browser's language.
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="pt-BR,pt;q=0.9")
    page = errors.server_error(request)
    body = page.content.decode()
    assert page.status_code == 500
    assert '<html lang="pt" dir="ltr">' in body and "Algo deu errado" in body


@pytest.mark.django_db
def test_a_form_sent_without_the_cookie_says_so_in_the_readers_language() -> None:
    browser = Client(enforce_csrf_checks=True)
    with override("fr"):
        form = reverse("contact:form")
    refused = browser.post(form, {"message": "Bonjour"})
    body = refused.content.decode()
    assert refused.status_code == 403
    assert '<html lang="fr" dir="ltr">' in body
    assert "<h1>Le formulaire n’a pas été envoyé</h1>" in body
    assert "Autorisez les cookies pour ce site" in body
    assert "CSRF" not in body and "Forbidden" not in body
    assert "no-store" in refused["Cache-Control"]


@pytest.mark.django_db
def test_a_form_with_a_stale_token_asks_to_reload_it() -> None:
    browser = Client(enforce_csrf_checks=True)
    with override("es"):
        form = reverse("contact:form")
    browser.get(form)  # the cookie
    refused = browser.post(form, {"message": "Hola", "csrfmiddlewaretoken": "x" * 64})
    body = refused.content.decode()
    assert refused.status_code == 403
    assert "Vuelva atrás, recargue el formulario y envíelo de nuevo." in body
