"""Name helpers shared by the per-article and corpus-level actor merges: ids, keys, abbreviations."""
from __future__ import annotations

import re
import unicodedata

from ..settings import actors as settings

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_INITIAL = re.compile(r"^[A-Z]\.?$")


def normalise(name: str) -> str:
    """One spelling of a surface name: straight apostrophes, single spaces, no possessive, no 'the'."""
    name = " ".join(name.translate(_APOSTROPHES).split())
    name = _POSSESSIVE.sub("", name).strip(" ,;:-\"'()[]")
    if name.endswith(".") and "." not in name[:-1]:  # keep "U.S." whole; drop a sentence's full stop
        name = name[:-1]
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("-", ascii_name.lower()).strip("-")


def actor_id(prefix: str, name: str) -> str:
    """Stable id from the canonical name: ("person", "Vladimir Putin") -> "person:vladimir-putin"."""
    return f"{prefix}:{slug(name)}"


def id_prefix(actor: str) -> str:
    return actor.split(":", 1)[0]


def id_key(actor: str) -> str:
    return actor.split(":", 1)[1] if ":" in actor else actor


def is_pronoun(name: str) -> bool:
    return name.lower() in settings.PRONOUNS and not name.isupper()


def looks_like_name(name: str) -> bool:
    """A proper name starts with a capital letter (spaCy sm labels some common nouns: "sham")."""
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and letters[0].isupper() and not is_pronoun(name)


def surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def first_names_compatible(a: str, b: str) -> bool:
    """"A. Lukashenko" ~ "Alexander Lukashenko"; "Anika Sorell" !~ "Tomas Sorell"."""
    fa, fb = a.split()[:-1], b.split()[:-1]
    if not fa or not fb:
        return True
    x, y = fa[0].rstrip("."), fb[0].rstrip(".")
    if _INITIAL.match(fa[0]) or _INITIAL.match(fb[0]):
        return x[:1].lower() == y[:1].lower()
    return x.lower() == y.lower()


def has_initial(name: str) -> bool:
    return any(_INITIAL.match(part) for part in name.split()[:-1])


def is_abbreviation(name: str) -> bool:
    letters = name.replace(".", "")
    return 2 <= len(letters) <= settings.MAX_ABBREVIATION and letters.isalpha() and letters.isupper()


def initials(name: str) -> str:
    """"Institute for the Study of War" -> "ISW"; "" when the name has fewer than two words."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in settings.ABBREVIATION_STOPWORDS]
    if len(words) < 2:
        return ""
    return "".join(w[0] for w in words).upper()


def abbreviates(abbreviation: str, name: str) -> bool:
    return is_abbreviation(abbreviation) and initials(name) == abbreviation.replace(".", "")


def place_stem(word: str) -> str:
    word = normalise(word).lower()
    return settings.DEMONYMS.get(word, word)


def same_place_word(a: str, b: str) -> bool:
    """"russian" ~ "russia", "velorian" ~ "veloria", "french" ~ "france" (table); "foreign" !~ "former"."""
    a, b = place_stem(a), place_stem(b)
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    return shared >= max(settings.MIN_SHARED_STEM, min(len(a), len(b)) - 1)
