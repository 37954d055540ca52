"""The page gunicorn's worker sends for a request Django never saw: one heading, every
interface language, and words that fit whose fault it was."""

from resguardo.server.gunicorn_app import error_page


def test_a_refused_address_is_explained_in_every_language_under_one_heading() -> None:
    page = error_page(414).decode()
    assert page.count("<h1>") == 1 and "<h1>This address is too long.</h1>" in page
    assert '<p lang="es">Esta dirección es demasiado larga.' in page
    assert 'href="/fr/catalogue/"' in page


def test_our_own_failure_is_not_blamed_on_the_reader_s_browser() -> None:
    page = error_page(500).decode()
    assert "<h1>Something went wrong</h1>" in page and "Your browser" not in page
