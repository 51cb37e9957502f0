"""Letters that pass for others: the scripts of a text, Latin look-alikes, deceptive host names.

Used for user names (one script, compared by skeleton) and for source URLs (a host label that
mixes scripts or imitates Latin letters is shown as punycode). Pure; no Flask.
"""

from __future__ import annotations

import unicodedata

# Letters that look like Latin ones (Cyrillic and Greek): a name made only of such letters
# must not pass for an existing Latin name ("аdmin" with a Cyrillic "а" is refused outright).
_LOOKALIKES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j",
        "ԁ": "d", "ո": "n", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "η": "n",
    }
)  # fmt: skip


def scripts_of(text: str) -> set[str]:
    """The scripts of the letters in text (LATIN, CYRILLIC, GREEK...), from Unicode names."""
    return {unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()}


def skeleton(text: str) -> str:
    """What a text looks like: look-alike Cyrillic and Greek letters mapped to Latin ones."""
    return text.translate(_LOOKALIKES)


def deceptive_label(label: str) -> bool:
    """A non-ASCII host label that mixes scripts, or is written wholly in letters that pass
    for Latin ones ("раураl" in Cyrillic); genuine one-script names ("bücher", "пример")
    are not."""
    if label.isascii():
        return False
    scripts = scripts_of(label)
    if len(scripts) > 1:
        return True
    letters = [ch for ch in label if ch.isalpha()]
    return bool(letters) and scripts != {"LATIN"} and skeleton("".join(letters)).isascii()
