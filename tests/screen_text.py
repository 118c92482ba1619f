"""What the terminal shows, as text, for tests that check nothing is cut off or hidden: read from the app's
own screenshot (Textual's public export_screenshot), row by row."""
from __future__ import annotations

import re
from xml.etree import ElementTree


def screen_lines(app) -> list[str]:
    """What the terminal shows, row by row, read from the app's own screenshot: each SVG text run is clipped
    to its terminal line ("...-line-N") and put back at its column (x over a cell's width); blank cells are
    drawn as background, not text."""
    svg = ElementTree.fromstring(app.export_screenshot())
    runs = []
    for node in svg.iter("{http://www.w3.org/2000/svg}text"):
        line = re.search(r"-line-(\d+)\)", node.get("clip-path", ""))
        if node.text and line:
            runs.append((int(line[1]), float(node.get("x")), node.text.rstrip("\n"), float(node.get("textLength"))))
    cell = next(length / len(text) for _row, _x, text, length in runs if len(text) > 3)
    left = min(x for _row, x, *_ in runs)
    rows = [[" "] * app.size.width for _ in range(app.size.height)]
    for row, x, text, _length in runs:
        start = round((x - left) / cell)
        for offset, char in enumerate(text.replace("\xa0", " ")):
            if row < len(rows) and start + offset < app.size.width:
                rows[row][start + offset] = char
    return ["".join(row) for row in rows]


def region_text(app, region) -> str:
    """The words shown inside a screen region, as one line (wrapped lines joined with a space)."""
    rows = screen_lines(app)
    return " ".join(" ".join(line[region.x:region.right] for line in rows[region.y:region.bottom]).split())
