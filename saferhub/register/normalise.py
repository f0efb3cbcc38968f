"""Normalised forms of names, postcodes and addresses, for finding the same person or place twice.

Pure functions: no database, no settings. The register's services store these keys
(``Person.search_name``, ``PersonAlias.search_name``, ``Location.search_address``) and its
selectors compare them.
"""

from __future__ import annotations

import re
import unicodedata

# Apostrophes join a name's parts ("O'Brien" is "obrien"); other punctuation separates them.
_APOSTROPHES = str.maketrans("", "", "'’‘`´")
_NOT_WORD = re.compile(r"[^\w]+|_")
_SPACES = re.compile(r"\s+")

# The shape of a UK postcode: an outward code (area letters, district digit, optional digit or letter)
# and an inward code (sector digit, two unit letters). GIR 0AA is the one historic exception.
_POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}|GIR0AA)$")
_POSTCODE_CHARACTERS = re.compile(r"^[A-Z0-9]*$")
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def name_key(text: str) -> str:
    """The form of a name used to compare it: "O'Brien-Smith " becomes "obrien smith".

    Case and accents are dropped, apostrophes removed, other punctuation turned into spaces,
    and runs of spaces collapsed.
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.translate(_APOSTROPHES).casefold()
    plain = _NOT_WORD.sub(" ", plain)
    return _SPACES.sub(" ", plain).strip()


def postcode_key(text: str) -> str:
    """A postcode in capitals with no spaces ("cm7 3yg " becomes "CM73YG"); not validated."""
    return "".join((text or "").split()).upper()


def format_postcode(text: str) -> str:
    """A UK postcode in its usual form ("cm73yg" becomes "CM7 3YG").

    Raises ValueError with a message fit to show the user when the text is not shaped like a
    UK postcode.
    """
    key = postcode_key(text)
    if not key:
        raise ValueError("Enter a postcode")
    if not _POSTCODE_CHARACTERS.match(key):
        raise ValueError("Postcode must only include letters a to z, numbers and spaces")
    if len(key) < 5:
        raise ValueError("Enter a full UK postcode, like CM7 3YG (it is too short)")
    if len(key) > 7:
        raise ValueError("Enter a real UK postcode, like CM7 3YG (it is too long)")
    if not _POSTCODE.match(key):
        raise ValueError("Enter a real UK postcode, like CM7 3YG")
    return f"{key[:-3]} {key[-3:]}"


def is_outward_code(text: str) -> bool:
    """True for the first half of a postcode on its own, such as "CM7"."""
    return bool(_OUTWARD_CODE.match(postcode_key(text)))


def address_key(line1: str, postcode: str) -> str:
    """The form of an address used to compare it: first line's name key, then the postcode key.

    ("12, High St." and "cm7 3yg" give "12 high st CM73YG".)
    """
    return " ".join(part for part in (name_key(line1), postcode_key(postcode)) if part)
