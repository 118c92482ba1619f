"""vCard content lines as the best readers see them: unfold first, then decode each value by itself.

The file is read as bytes (Latin-1 maps each byte to one character, so nothing is lost or guessed yet):
lines are unfolded (RFC 6350 §3.2: a fold may split a UTF-8 character, so rejoining comes before any
decoding), split into name, parameters and value at the first ':' outside double quotes (RFC 6350 §3.3,
`ADR;GEO="geo:…":…`), and only then is each value decoded: quoted-printable or base64 per its ENCODING, then
text per its CHARSET (2.1), else UTF-8, else the CHARSET another value of the card (or else of the file) names
(a phone that labels one value ISO-8859-2 most likely wrote all of them in it), else Windows-1252, or a
Central European code page when Windows-1252 would glue symbols to letters ('³ód¼' for 'łódź'), for that value
alone, so one ANSI card in a file doesn't mangle the UTF-8 ones around it.
"""
from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)$")
# Backslash escapes, one rule for 2.1, 3.0 and 4.0 as vobject (khard) reads them: RFC 6350 3.4's
# \\ \, \; \n \N, plus Android's \: (vCard 2.1 itself names only \; but its writers escape 3.0's way, and a 2.1
# value with a line break is quoted-printable, so a '\n' in one is an escape too). Any other '\x' stays as written.
_ESCAPE = re.compile(r"\\([nN,;:\\])")
# a line that begins a property (NAME, NAME;PARAMS or group.NAME, then ':'), not the rest of a value
_CONTENT_LINE = re.compile(r"^[ \t]*(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+(?:;[^:]*)?:")
# Windows-1252 symbols that, glued to a letter, are a Central European letter read with the wrong code page:
# '±³¶¹¼¾' are 'ąłśšźž' in ISO-8859-2 ('«»¿¡©®°' are left out: French, Spanish and brand names use them)
_MISREAD = frozenset("¢£¥¦¬¯±²³¶¹¼½¾")
_CENTRAL_EUROPEAN = ("iso8859-2", "cp1250")
_BARE_ENCODINGS = ("QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT")
_NONE: list[str] = []


@dataclass
class Line:
    name: str                                   # upper case, group dropped ("item1.TEL" -> "TEL")
    params: dict[str, list[str]] = field(default_factory=dict)   # upper-case keys; TYPE values lower case
    raw: str = ""                               # the value as bytes-in-a-str (Latin-1), not yet decoded
    group: str = ""
    hint: str = ""                              # the CHARSET the rest of the card or file names (see text())

    def param(self, key: str) -> str:
        return ",".join(self.params.get(key, []))

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", _NONE)  # parse() keeps them lower case and never empty

    @cached_property
    def value(self) -> str:
        return decode_value(self.raw, self.param("ENCODING").upper(), self.param("CHARSET"), self.hint)


def unfold(text: str) -> list[str]:
    """Logical lines. Each is gathered as a list of pieces and joined once: adding to a string held in a list
    copies it every time, and a 10 MB PHOTO folded at 75 columns took 49 s."""
    lines: list[str] = []
    pieces: list[str] = []
    head: str | None = None  # the logical line's name and parameters, once its ":" has come

    def add(piece: str) -> None:
        nonlocal head
        if head is None and ":" in piece:
            head = ("".join(pieces) + piece.split(":", 1)[0]).upper()
        pieces.append(piece)

    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    if "\n " not in text and "\n\t" not in text and "=\n" not in text and "\\\n" not in text:
        return text.split("\n")  # nothing folded, no soft line break, no '\' at a line's end: one line each
    for line in text.split("\n"):
        if (pieces and pieces[-1].endswith("=") and head is not None and "QUOTED-PRINTABLE" in head
                and line.strip().upper() != "END:VCARD"):  # a value ending in "=" must not swallow the card's end
            # a 2.1 quoted-printable soft line break: the next line is taken whole, its leading space too
            pieces[-1] = pieces[-1][:-1]
            add(line)
        elif line[:1] in (" ", "\t") and pieces:
            add(line[1:])
        elif head is not None and _escapes_the_line_break(pieces[-1], line):
            # 'ADR:;;12 Main St\' then 'Apt 3;Springfield;…': the writer escaped the value's line break with a bare
            # '\' where 3.0 writes '\n' (vobject refuses the card); read as that '\n', so the next line's city,
            # postal code and country stay in their fields instead of being dropped as a stray line
            pieces[-1] = pieces[-1][:-1] + "\\n"
            add(line)
        else:
            if pieces:
                lines.append("".join(pieces))
            pieces, head = [], None
            add(line)
    if pieces:
        lines.append("".join(pieces))
    return lines


def _escapes_the_line_break(previous: str, line: str) -> bool:
    """The previous line ends in a '\' that escapes nothing (an odd run of them) and this line, not blank, does
    not begin a property: it is the rest of the value."""
    if not previous.endswith("\\") or not line.strip() or _CONTENT_LINE.match(line):
        return False
    return (len(previous) - len(previous.rstrip("\\"))) % 2 == 1


def _split_quoted(text: str, sep: str, limit: int = -1) -> list[str]:
    """Split on sep outside double quotes."""
    if '"' not in text:  # the usual case, at C speed
        return text.split(sep, limit) if limit >= 0 else text.split(sep)
    parts, start, quoted = [], 0, False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted and (limit < 0 or len(parts) < limit):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _caret(value: str) -> str:
    """RFC 6868 parameter escapes: ^n newline, ^' double quote, ^^ caret."""
    return re.sub(r"\^([n'^])", lambda m: {"n": "\n", "'": '"', "^": "^"}[m[1]], value) if "^" in value else value


def parse(line: str) -> Line | None:
    """One logical line, or None for a stray line with no name and colon."""
    head, colon, raw = line.partition(":")
    if not colon:
        return None
    if not head.isascii():  # parameters are UTF-8 (TYPE="费"), whatever the value's CHARSET
        head = text(head.encode("latin-1"))
        line = head + ":" + raw
    if '"' in head:  # a quoted parameter may hold a ':' (ADR;GEO="geo:…"): the value starts after the quotes
        head_value = _split_quoted(line, ":", limit=1)
        if len(head_value) < 2:
            return None
        head, raw = head_value
    if ";" not in head:  # most lines: FN:…, N:…, END:VCARD
        match = _NAME.match(head.strip())
        if match is None:
            return None
        found = Line(match[1].upper(), {}, raw, head.split(".", 1)[0].lower() if "." in head else "")
        if raw.isascii() and "\r" not in raw:
            found.__dict__["value"] = raw  # plain ASCII: the value is the text as it is (cached_property's slot)
        return found
    parts = _split_quoted(head, ";")
    match = _NAME.match(parts[0].strip())
    if match is None:
        return None
    group = parts[0].split(".", 1)[0].lower() if "." in parts[0] else ""
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        key = key.strip().upper()
        if not key:
            continue
        if not eq:  # 2.1 bare parameters: TEL;CELL;HOME, NOTE;QUOTED-PRINTABLE
            if key in _BARE_ENCODINGS:
                params.setdefault("ENCODING", []).append(key)
            else:
                params.setdefault("TYPE", []).append(key.lower())
            continue
        values = [_caret(v.strip().strip('"')) for v in _split_quoted(value, ",")]
        if key == "TYPE":
            values = [v.lower() for v in values]
        params.setdefault(key, []).extend(v for v in values if v)
    found = Line(match[1].upper(), params, raw, group)
    if not params.keys() & {"ENCODING", "CHARSET"} and raw.isascii() and "\r" not in raw:
        found.__dict__["value"] = raw  # plain ASCII: the value is the text as it is (cached_property's slot)
    return found


def _codec(charset: str) -> str | None:
    try:
        return codecs.lookup(charset.strip()).name if charset.strip() else None
    except LookupError:
        return None


def charset_hint(charsets) -> str:
    """The first of these CHARSET values that names an 8-bit code page (not UTF-8 or ASCII), or ''."""
    for charset in charsets:
        codec = _codec(charset)
        if codec and codec not in ("utf-8", "ascii"):
            return codec
    return ""


def text(data: bytes, charset: str = "", hint: str = "") -> str:
    """Bytes as text: by the CHARSET given if it reads them, else UTF-8 (valid UTF-8 is never mangled by a
    hint), else the hint (the code page the card or file names elsewhere), else Windows-1252 (Latin-1 for the
    five bytes it leaves undefined), unless that glues symbols to letters where a Central European code page
    reads letters, for this value alone."""
    for codec in filter(None, (_codec(charset), "utf-8", _codec(hint))):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = data.decode("latin-1")
    if not _misread(western):
        return western
    for codec in _CENTRAL_EUROPEAN:  # ISO-8859-2 first (issue 15's phone); Windows-1250 puts ś ź ą elsewhere
        try:
            other = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _misread(other) and not any(unicodedata.category(char) == "Cc" and char not in "\r\n\t"
                                           for char in other):
            return other
    return western


def _misread(value: str) -> bool:
    """A symbol of _MISREAD next to a letter ('Wroc³aw', '³ód¼'), where no writer puts one."""
    return any(char in _MISREAD and ((index > 0 and value[index - 1].isalpha())
                                     or (index + 1 < len(value) and value[index + 1].isalpha()))
               for index, char in enumerate(value))


def decode_value(raw: str, encoding: str, charset: str, hint: str = "") -> str:
    if not encoding and raw.isascii():
        return raw.replace("\r\n", "\n").replace("\r", "\n") if "\r" in raw else raw
    data = raw.encode("latin-1", errors="replace")
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(data)
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode(data, validate=False)
        except (ValueError, binascii.Error):
            return ""
    # =0D=0A in a quoted-printable note, or CRLF inside a base64 one, is one line break
    return text(data, charset, hint).replace("\r\n", "\n").replace("\r", "\n")


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def split(value: str, sep: str, keep_escapes: bool = False) -> list[str]:
    """Split on sep unless escaped, then unescape each part (unless keep_escapes: N's parts are split again on
    their unescaped ',')."""
    if "\\" not in value:  # nothing escaped: at C speed
        return value.split(sep)
    parts, buffer, escaped = [], [], False
    for char in value:
        if escaped:
            buffer.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append("".join(buffer))
            buffer = []
        else:
            buffer.append(char)
    parts.append("".join(buffer) + ("\\" if escaped else ""))
    return parts if keep_escapes else [unescape(part) for part in parts]
