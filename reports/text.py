"""Text as the rules read it (NFKC: full-width digits and brackets folded) with a way back.

Rules match the normalised text; excerpts and highlights are cut from the text as written,
so every normalised position maps back to a position of the original.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from followup_dates.text import squeeze as squeeze

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\u301c\uff5e"), None)
_EXTRA = {
    "\u2013": "–",
    "\u2014": "—",
    "\u301c": "~",
    "\uff5e": "~",
    "\u3000": " ",
    "\u00a0": " ",
}


@dataclass(frozen=True)
class Normalised:
    original: str
    text: str
    _back: tuple[int, ...]  # for each position of `text` (and its end), the original position

    @classmethod
    def of(cls, original: str) -> Normalised:
        out: list[str] = []
        back: list[int] = []
        for index, ch in enumerate(original):
            folded = _EXTRA.get(ch) or unicodedata.normalize("NFKC", ch)
            for piece in folded:
                out.append(piece)
                back.append(index)
        back.append(len(original))
        return cls(original, "".join(out), tuple(back))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        start = min(max(start, 0), len(self.text))
        end = min(max(end, start), len(self.text))
        if end == start:
            return self._back[start], self._back[start]
        return self._back[start], self._back[end - 1] + 1

    def from_original(self, original_index: int) -> int:
        """The normalised position of an original position (the first one that maps at or after it)."""
        for position, value in enumerate(self._back):
            if value >= original_index:
                return position
        return len(self.text)
