"""Polish (and English) morphology for search and "describe your idea".

People type "pieniedzy", the knowledge base says "pieniądze"; "dzieciom" and "dziecko", "ubodzy"
and "ubogich" are one word to a reader. Each word is therefore turned into *terms*:

* **Polish lemmas** from simplemma's Polish dictionary (a form → lemma list built from the
  Morfologik/SGJP data): "pieniędzy" → "pieniądz", "dzieci" → "dziecko", "ubodzy" → "ubogi".
  People often type without Polish letters, and the dictionary only knows the forms with them,
  so a :class:`Lexicon` is built the other way round: for every lemma the knowledge base and
  the concepts use, *all* its forms, with Polish letters removed ("pieniedzy", "pieniadze",
  "pieniedzmi" … → "pieniadz"). Any inflected form of a word the knowledge base uses is then
  found, with or without Polish letters.
* **The Snowball stemmer** (PyStemmer) for every word the dictionary does not know, on both
  sides: "krs", "opp", new words, English words ("foundations" → "foundat").

Loading simplemma's Polish dictionary takes seconds (3.7 million forms, lzma-compressed), so it
is read only while a lexicon is *built*, once per knowledge base; the lexicon itself is small
(the forms of a few thousand lemmas) and is kept in the search cache (see
:mod:`recommender.search`). Queries never touch simplemma.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_POLISH = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[^\W_]+")

LANGS = ("pl", "en")
MIN_STEM = 3  # stems shorter than this stay the whole word ("koło" must not become "k")


_NUMBER_PLUS = re.compile(r"(\d)\s*\+")
# "ul." is the abbreviation of "ulica" (street) in an address, not a beehive ("ul"): with its dot,
# before a capital or a number ("ul Mostowa", "ul 3 Maja"), or after "na/przy/z/od/do"
_STREET = (
    re.compile(r"\b([Uu])l\.(?=\s*\w)"),
    re.compile(r"\b([Uu])l\b(?=\s+[A-ZĄĆĘŁŃÓŚŹŻ0-9])"),
    re.compile(r"(?i)\b(na|przy|z|od|do)\s+ul\b"),
)


def normalise(text: str) -> str:
    """Lower case, no diacritics (Polish and others), only letters, digits and single spaces.

    >>> normalise("Spółdzielnia  Socjalna – 1,5%!")
    'spoldzielnia socjalna 1 5'
    >>> normalise("ŁÓDŹ, żółć")
    'lodz zolc'
    >>> normalise("panie 60+")  # a plus after a number is said as a word ("60 plus")
    'panie 60 plus'
    >>> normalise("przy ul. Mostowej, na ul 3 Maja"), normalise("nowy ul w pasiece")
    ('przy ulica mostowej na ulica 3 maja', 'nowy ul w pasiece')
    """
    street, capital, after = _STREET
    text = after.sub(r"\1 ulica", capital.sub(r"\1lica", street.sub(r"\1lica ", text)))
    text = _NUMBER_PLUS.sub(r"\1 plus ", text.translate(_POLISH))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", text).strip()


def raw_words(text: str) -> list[str]:
    """The words of a text as written (letters and digits; Polish letters kept).

    >>> raw_words("Co to jest KRS? 1,5%")
    ['Co', 'to', 'jest', 'KRS', '1', '5']
    """
    return _WORD.findall(text)


@lru_cache(maxsize=2)
def _stemmer(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer("polish" if lang == "pl" else "english")


# English words whose Snowball stem is another word with another meaning: "accounting" (keeping
# the books) is not an "account" (at a bank)
_OWN_TERM_EN = frozenset({"accounting"})

_STEM_LOCK = threading.Lock()  # a PyStemmer object is not safe to share between threads


def stem(word: str, lang: str) -> str:
    """The Snowball stem of a normalised word.

    >>> stem("rejestracji", "pl"), stem("foundations", "en")
    ('rejestracj', 'foundat')
    >>> stem("accountants", "en"), stem("accounts", "en")
    ('accountant', 'account')
    >>> stem("planszowek", "pl"), stem("planszowki", "pl")
    ('planszowk', 'planszowk')
    >>> stem("accounting", "en"), stem("account", "en")
    ('accounting', 'account')
    """
    if lang == "en" and word in _OWN_TERM_EN:
        return word
    if lang == "en" and word.endswith(("ant", "ants")) and len(word) > 6:
        # Snowball takes the agent's "-ant" away ("accountant" → "account", "applicant" →
        # "applic"): a person is not the thing, so the word keeps its own term
        return word.removesuffix("s")
    with _STEM_LOCK:
        s = _stemmer(lang).stemWord(word)
    if lang == "pl" and s == word and word.endswith("ek") and len(word) >= 6:
        # the genitive plural of a noun in "-ka" ("planszówek", "wycieczek") and a noun in "-ek"
        # ("kurczaczek") lose their "e" in the other forms ("planszówki", "kurczaczka"); Snowball
        # leaves the "-ek" form whole, so a word the dictionary does not know never met its
        # other forms
        return word[:-2] + "k"
    return s if len(s) >= MIN_STEM else word


# -- the lexicon ------------------------------------------------------------------------------

_DICTIONARY: dict[bytes, bytes] | None = None
_DICTIONARY_LOCK = threading.Lock()


def _polish_dictionary() -> dict[bytes, bytes]:
    """simplemma's Polish form → lemma dictionary (seconds to load; read once per process)."""
    global _DICTIONARY
    with _DICTIONARY_LOCK:
        if _DICTIONARY is not None:
            return _DICTIONARY
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        d = DefaultDictionaryFactory().get_dictionary("pl")
        raw = getattr(d, "_dict", None)
        loaded: dict[bytes, bytes] = (
            raw
            if isinstance(raw, dict)  # another simplemma version: a str -> str mapping
            else {str(k).encode(): str(v).encode() for k, v in d.items()}
        )
        _DICTIONARY = loaded
        return loaded


def _lemma(word: str, dictionary: dict[bytes, bytes]) -> bytes | None:
    for w in (word, word.lower(), word.capitalize(), word.upper()):
        hit = dictionary.get(w.encode())
        if hit is not None:
            return hit
    return None


Lexicon = dict[str, tuple[str, ...]]  # normalised form -> normalised lemmas

# Forms whose single dictionary lemma is the wrong reading for what people write about
# organisations. simplemma's dictionary keeps one lemma per form: "lata" is "latać" (flies) there,
# while people mean years ("2 lata", "przez trzy lata") or summer ("od lata"); "lat" and "latach"
# are already "rok", so without this "ile lat" and "dwa lata" never meet. Some plurals (and a few
# other cases) of common nouns are a rare word's forms there: "kluby" is "kluba" (nautical),
# "seniorami" and "seniora" are "seniora", "szlaki" is "szlaka", "dachy" is "dacha", "bony" is
# "bona" (a nanny), "pomiary" is "pomiara"; people mean clubs, seniors, trails, roofs, vouchers
# and measurements.
_NOUN_FORMS = {
    "klub": ("kluby", "klubami", "klubach", "klubom"),
    "senior": ("seniora", "seniorami", "seniorach", "seniorom", "seniorze"),
    "szlak": ("szlaki", "szlakami", "szlakach", "szlakom"),
    "dach": ("dachy", "dachami", "dachach", "dachom"),
    "bon": ("bony",),
    "pomiar": ("pomiary", "pomiarami", "pomiarach", "pomiarom"),
}
HOMOGRAPHS: dict[str, tuple[str, ...]] = {
    "lata": ("lato", "rok"),
    # the dictionary lacks "chora"/"chorą" and "chorej" (sick): the stemmer makes them "chor",
    # which is also the lemma of "chór" (a choir) once Polish letters are gone
    "chora": ("chory",),
    "chorej": ("chory",),
    # the comparative "starszy" (elderly) is "stary" (old) in some of its forms in the
    # dictionary and itself in others ("starsze osoby" → stary, "osób starszych" → starszy), so
    # the two never met; its forms read as "starszy", apart from old trees and horses ("stare")
    **{
        form: ("starszy",)
        for form in (
            "starsza",
            "starsze",
            "starsi",
            "starszego",
            "starszej",
            "starszemu",
            "starszym",
            "starszymi",
            "starszych",
        )
    },
    **{form: (lemma,) for lemma, forms in _NOUN_FORMS.items() for form in forms},
}


def build_lexicon(words: Iterable[str]) -> Lexicon:
    """Every form of every lemma of ``words`` (written with their Polish letters), normalised.

    Words the dictionary does not know are left out (the stemmer takes them).
    """
    dictionary = _polish_dictionary()
    lemmas: set[bytes] = set()
    for w in set(words):
        lemma = _lemma(w, dictionary)
        if lemma is not None:
            lemmas.add(lemma)
    out: dict[str, set[str]] = {}
    used: list[tuple[str, str]] = []  # (form as written, its normalised lemma)
    for form, lemma in dictionary.items():
        if lemma in lemmas:
            written, lemma_text = form.decode(), normalise(lemma.decode())
            out.setdefault(normalise(written), set()).add(lemma_text)
            used.append((written, lemma_text))
    for lemma in lemmas:
        text = normalise(lemma.decode())
        out.setdefault(text, set()).add(text)
    for homograph, readings in HOMOGRAPHS.items():
        out[homograph] = set(readings)
    for acronym in _acronyms(words):
        # an acronym is declined with endings people often write without the hyphen: "do KRS-u",
        # "w krsie", "z ZUS-em"; the stemmer does not take them all off ("krsu" stays itself)
        base = out.get(acronym, {stem(acronym, "pl")})
        for ending in ACRONYM_ENDINGS:
            out.setdefault(acronym + ending, set(base))
    slips: dict[str, set[str]] = {}
    for written, lemma_text in used:
        for variant in spelling_slips(written):
            text = normalise(variant)
            if text in out or _lemma(variant, dictionary) is not None:
                continue  # a word of its own ("morze" is no slip of "może")
            slips.setdefault(text, set()).add(lemma_text)
    for text, ls in slips.items():
        out[text] = ls
    return {f: tuple(sorted(ls)) for f, ls in out.items() if f and " " not in f}


# The commonest slips of Polish spelling (ortografia): the two spellings of one sound swapped
# ("ż" and "rz", "h" and "ch"), "u" for "ó" and "j" for "i" between a consonant and a vowel
# ("senjor", "wolontarjusz"; not after "c", "s", "z", where "i" softens the consonant, nor before
# "e"). A slip of a known form reads as that form unless the dictionary
# knows the slip as a word of its own ("morze", "lód", "Jerzy").
_SLIPS = {"ż": "rz", "rz": "ż", "ó": "u", "ch": "h", "h": "ch"}  # as meant -> as mistyped
_SLIP_AT = re.compile("|".join(sorted(_SLIPS, key=len, reverse=True)))  # "rz" before "ż"
_I_BEFORE_VOWEL = re.compile(r"(?<=[bdfghklmnprtwł])i(?=[aąouó])")
MIN_SLIP_LEN = 5  # shorter forms have too many neighbours to guess from


def spelling_slips(word: str) -> set[str]:
    """The forms of ``word`` (written with Polish letters) with one common spelling slip.

    >>> sorted(spelling_slips("stowarzyszenie"))
    ['stoważyszenie']
    >>> sorted(spelling_slips("seniorów")), sorted(spelling_slips("dzieciach"))
    (['senioruw', 'senjorów'], [])
    >>> sorted(spelling_slips("chórem")), spelling_slips("kot")
    (['churem', 'hórem'], set())
    """
    low = word.lower()
    if len(low) < MIN_SLIP_LEN:
        return set()
    out = set()
    for m in _SLIP_AT.finditer(low):
        if m.group() == "h" and m.start() > 0 and low[m.start() - 1] == "c":
            continue  # the "h" of "ch" is no "h" of its own
        if m.group() == "ch" and m.end() == len(low):
            continue  # the ending "-ch" ("dzieciach") is grammar, not a spelling to choose
        out.add(low[: m.start()] + _SLIPS[m.group()] + low[m.end() :])
    for m in _I_BEFORE_VOWEL.finditer(low):
        out.add(low[: m.start()] + "j" + low[m.end() :])
    out.discard(low)
    return out


ACRONYM_ENDINGS = ("u", "ie", "em", "owi", "y", "ow", "ami", "ach")


def _acronyms(words: Iterable[str]) -> set[str]:
    """The acronyms among ``words`` (written as they are: "KRS", "ZUS", "PFRON"), normalised.

    >>> sorted(_acronyms(["KRS", "Fundacja", "ZUS", "Na", "W23", "ARiMR"]))
    ['arimr', 'krs', 'zus']
    """
    out = set()
    for w in words:
        letters = [c for c in w if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        if len(letters) == len(w) and 2 <= len(w) <= 6 and capitals >= max(2, len(w) - 2):
            out.add(normalise(w))
    return out


# joins a form's lemmas in a cache file: a lemma may itself be several words ("np" is "na
# przykład"), and normalised text never holds this character
PACK_SEPARATOR = "|"


class _PackedLexicon(dict):  # type: ignore[type-arg]
    """A lexicon read from a cache file: lemmas stored as one joined string per form."""

    def __init__(self, packed: dict[str, str]) -> None:
        super().__init__()
        self._packed = packed

    def __contains__(self, word: object) -> bool:
        return word in self._packed

    def __len__(self) -> int:
        return len(self._packed)

    def get(self, word: str, default: Any = None) -> Any:
        hit = self._packed.get(word)
        return tuple(hit.split(PACK_SEPARATOR)) if hit is not None else default

    def items(self) -> Any:
        return ((f, tuple(ls.split(PACK_SEPARATOR))) for f, ls in self._packed.items())


class Analyzer:
    """Turns text into terms: Polish lemmas where the lexicon knows the word, stems otherwise."""

    def __init__(self, lang: str, lexicon: Lexicon | None = None) -> None:
        self.lang = lang
        self.lexicon: Lexicon = lexicon if lexicon is not None and lang == "pl" else {}
        self._memo: dict[str, tuple[str, ...]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # one string per entry (lemmas joined) pickles and loads faster than tuples
        lexicon = {f: PACK_SEPARATOR.join(ls) for f, ls in self.lexicon.items()}
        return {"lang": self.lang, "lexicon": lexicon}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lang = state["lang"]
        self.lexicon = _PackedLexicon(state["lexicon"])
        self._memo = {}

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The terms of one normalised word.

        >>> Analyzer("pl", {"pieniedzy": ("pieniadz",)}).word_terms("pieniedzy")
        ('pieniadz',)
        >>> Analyzer("pl").word_terms("rejestracji")
        ('rejestracj',)
        """
        hit = self._memo.get(word)
        if hit is None:
            hit = self.lexicon.get(word) or (stem(word, self.lang),)
            if len(self._memo) < 100_000:
                self._memo[word] = hit
        return hit

    def terms(self, text: str) -> list[str]:
        """The terms of a text, in order (a word with two possible lemmas gives both)."""
        out: list[str] = []
        for w in normalise(text).split():
            out.extend(self.word_terms(w))
        return out
