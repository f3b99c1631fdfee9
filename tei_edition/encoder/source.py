"""Reading a source text safely: bytes to text, or an InputError saying what is wrong and
where (empty, too large, UTF-16 or UTF-32, binary, not UTF-8, a character XML cannot hold).
"""

from __future__ import annotations

from pathlib import Path

from tei_edition.errors import InputError, Location
from tei_edition.inputs import limits, read_file
from tei_edition.tei import CONTROL_NAMES, FORBIDDEN_RE


def _line_col(data: bytes | str, pos: int) -> tuple[int, int]:
    before = data[:pos]
    nl = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(nl) + 1  # type: ignore[arg-type]
    col = pos - (before.rfind(nl) + 1)  # type: ignore[arg-type]
    if isinstance(data, bytes):
        col = len(data[pos - col:pos].decode("utf-8", "replace"))
    return line, col + 1


def _looks_like_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sum(1 for b in sample[0::2] if b == 0) / max(1, len(sample[0::2]))
    odd = sum(1 for b in sample[1::2] if b == 0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "UTF-16LE"
    if even > 0.3 and odd < 0.05:
        return "UTF-16BE"
    return None


def decode_source(data: bytes, source: str) -> str:
    """The text of a source file, or an InputError saying what is wrong and where."""
    if not data.strip():
        raise InputError("empty file: nothing to encode" if not data else
                         "the file holds only white space: nothing to encode",
                         Location(source), "empty")
    limit = limits().text_bytes  # (a file or stdin was bounded while it was read)
    if len(data) > limit:
        raise InputError(f"{len(data):,} bytes, more than the limit of {limit:,} for a text "
                         "source (set TEI_EDITION_MAX_TEXT_BYTES to raise it)",
                         Location(source), "too-large")
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
                      (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE")):
        if data.startswith(bom):
            raise InputError(f"not UTF-8: the file looks like {name} (byte order mark); "
                             f"convert it to UTF-8 (iconv -f {name[:6]} -t UTF-8)",
                             Location(source, 1, 1), "encoding")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        utf16 = _looks_like_utf16(data)
        if utf16:
            raise InputError(f"not UTF-8: the file looks like {utf16} (NUL bytes between "
                             f"letters); convert it to UTF-8 (iconv -f {utf16} -t UTF-8)",
                             Location(source, 1, 1), "encoding")
        raise InputError("binary file (it holds NUL bytes), not a text document",
                         Location(source, *_line_col(data, data.index(b"\x00"))), "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        bad = data[exc.start]
        if sum(1 for b in data[:8192] if b < 9 or 13 < b < 32) > 8:
            raise InputError("binary file, not a text document", Location(source, line, col),
                             "binary") from None
        guess = "Latin-1 or cp1252"
        if any(0x80 <= b <= 0x9F for b in data):
            guess = "cp1252 (Windows)"
        raise InputError(f"not UTF-8: byte 0x{bad:02X} cannot be decoded; the file looks "
                         f"like {guess}; convert it to UTF-8 (iconv -f cp1252 -t UTF-8)",
                         Location(source, line, col), "encoding") from None
    return check_text(text, source)


def check_text(text: str, source: str) -> str:
    """Normalise line ends; refuse characters XML cannot hold (with line and column)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file: nothing to encode", Location(source), "empty")
    m = FORBIDDEN_RE.search(text)
    if m:
        code = ord(m.group())
        name = CONTROL_NAMES.get(code, "a control character")
        line, col = _line_col(text, m.start())
        raise InputError(f"character U+{code:04X} ({name}) cannot be held in XML; remove it "
                         "from the source", Location(source, line, col), "control-character")
    return text



def read_source_file(path: str | Path) -> bytes:
    """The bytes of a source file, read through :func:`tei_edition.inputs.read_file`."""
    return read_file(path, "text")
