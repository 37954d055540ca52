"""The editors' pages that only a session reaches (the key and QR code of an enrolment, a
refused sign-in) pass the Nu HTML Checker too; the others are in resguardo/tests/pages.py.
"""

import pytest
from django.test import Client

from resguardo.accounts.authenticators import start_enrolment
from resguardo.accounts.roles import create_editor
from resguardo.conftest import PASSPHRASE
from resguardo.tests.browser import INSTALL_CHECKERS, VNU, require_file, require_java
from resguardo.tests.test_html_validity import _vnu_errors


@pytest.mark.django_db
def test_the_enrolment_key_page_and_a_refused_sign_in_are_valid_html(tmp_path) -> None:  # type: ignore[no-untyped-def]
    java, vnu = require_java(), require_file(VNU, INSTALL_CHECKERS)
    link = f"/editors/enrol/{start_enrolment(create_editor('ana', '', PASSPHRASE))}/"
    client = Client()
    client.post(link, {"password": PASSPHRASE})
    pages = {
        "key and QR code": client.get(link),
        "a wrong code": client.post(link, {"code": "000000"}),
        "a refused sign-in": Client().post("/editors/login/", {
            "username": "ana", "password": "wrong", "code": "123456"}),
        "a used link": Client().get("/editors/enrol/nothing/"),
    }
    files = []
    for n, (name, response) in enumerate(pages.items()):
        assert response.status_code in (200, 404), name
        files.append(tmp_path / f"{n}.html")
        files[-1].write_bytes(response.content)
    assert b'<svg class="qr"' in files[0].read_bytes()
    errors = _vnu_errors(java, vnu, files)
    names = list(pages)
    assert not errors, [(names[int(e["url"].rsplit("/", 1)[1][0])], e["message"])
                        for e in errors]
