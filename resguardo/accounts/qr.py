"""A QR code as a small inline SVG: one path of dark runs, drawn on the server, so the
enrolment page needs no script, no image request and no other host."""

import qrcode
from django.utils.html import format_html
from django.utils.safestring import SafeString

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


def svg(text: str, *, label: str) -> SafeString:
    code = qrcode.QRCode(border=QUIET_ZONE, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    rows = code.get_matrix()
    runs = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    size = len(rows)
    return format_html(
        '<svg class="qr" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 {} {}" width="{}" height="{}" shape-rendering="crispEdges">'
        '<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="{}"/></svg>',
        label, size, size, size * 4, size * 4, "".join(runs))
