"""What a reader gives back (`ExtractedText`), and decoding a text file's bytes."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from assistant.errors import ReadError


@dataclass(frozen=True)
class ExtractedText:
    """What a reader gives back: the text, a title if the file names one, PDF page starts."""

    text: str
    title: str | None = None
    page_starts: tuple[int, ...] = ()
    decoded: bool = True
    """False only when the text is the file's bytes as UTF-8, character for character."""


BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SINGLE_BYTE = re.compile(r"^(cp125\d|latin_1|iso8859_\d+|mac_roman)$")
MAX_CHAOS = 0.1
"""Most "mess" (odd characters) charset-normalizer may find in a guessed decoding."""


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of `data` and its encoding: UTF-8, a byte order mark's, or a sure guess.

    Raises:
        ReadError: binary data, or an encoding that cannot be told reliably.
    """
    for bom, encoding in BOMS:  # UTF-32 LE's mark starts like UTF-16 LE's: test it first
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReadError(f"not valid {encoding.upper()} after its byte order mark") from None
    if b"\x00" in data:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        failed = error.start
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    unsure = ReadError(
        f"not valid UTF-8 (byte {failed}) and its encoding cannot be told reliably;"
        " save it as UTF-8"
    )
    if best is None or best.chaos > MAX_CHAOS:
        raise unsure
    # Code pages that read the bytes equally well: sure when they agree on the text, or
    # when windows-1252 is among them (the Western default; WHATWG decodes Latin-1 with it).
    tied = [m for m in matches if m.chaos <= best.chaos and SINGLE_BYTE.match(m.encoding)]
    chosen = next((m for m in tied if m.encoding == "cp1252"), None)
    if chosen is None and tied and len({str(m) for m in tied}) == 1:
        chosen = tied[0]
    if chosen is None:
        raise unsure
    return str(chosen), chosen.encoding
