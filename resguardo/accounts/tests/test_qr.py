import re

import qrcode

from resguardo.accounts.qr import QUIET_ZONE, svg

URI = "otpauth://totp/Resguardo:ana?secret=JBSWY3DPEHPK3PXP&issuer=Resguardo"


def _dark_modules(drawing: str) -> set[tuple[int, int]]:
    path = re.search(r'<path fill="#000" d="([^"]+)"', drawing)
    assert path
    dark = set()
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path[1]):
        dark |= {(int(x) + i, int(y)) for i in range(int(width))}
    return dark


def test_the_drawing_has_every_dark_module_of_the_code_and_no_other() -> None:
    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(URI)
    matrix = code.get_matrix()
    expected = {(x, y) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}
    drawing = svg(URI, label="QR code of the key")
    assert _dark_modules(drawing) == expected
    size = len(matrix)
    assert f'viewBox="0 0 {size} {size}"' in drawing
    assert 'role="img" aria-label="QR code of the key"' in drawing
    assert len(drawing) < 8000


def test_the_label_is_escaped() -> None:
    assert 'aria-label="&lt;b&gt;"' in svg(URI, label="<b>")
