"""Direct quotations as figures of category "quote" with value {"speaker": NAME}.

A quotation runs from its opening mark to its closing mark inside one paragraph; one
that never closes runs to the end of its paragraph. Quotations of four words or fewer
are scare quotes or titles and are skipped. The speaker comes from the attribution
after the quotation (", he added", ", said X", ", according to X"), or before it
("X said", "According to X"), or else from the sentence's subject; pronouns resolve to
the last person seen speaking or named with a title.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import islice

from .budget import checkpoint
from .sentences import Sentence, lines, split_sentences, words
from .types import Figure

_MARK = re.compile(r"[“”\"«»‘’]")
_WORDS = re.compile(r"[\w’'-]+")
SPEECH = (
    "said|says|say|added|adds|continued|continues|told|tells|wrote|writes|noted|notes|"
    "explained|explains|stated|states|declared|announced|announces|argued|argues|asked|"
    "asks|replied|warned|warns|insisted|claimed|claims|urged|stressed|emphasized|"
    "emphasised|remarked|recalled|acknowledged|admitted|reiterated|concluded|quipped|"
    "responded|observed|commented|cautioned|predicted|conceded|joked|posted|tweeted"
)
PRONOUNS = words("he she they it we i who")
# a name-ish token: capitalized word, possibly dotted (U.S.) or camel-cased (SinoInsider)
_CAP = r"(?:[A-Z][\w’'.-]*)"
_GAP = r"[ \xa0]+"  # names never run across a line break
_NAME = re.compile(rf"{_CAP}(?:{_GAP}(?:(?:of(?:{_GAP}the)?|de|van|von|bin){_GAP}|al-)?{_CAP})*")
_AFTER_VERB_FIRST = re.compile(rf"^[\s,]*(?:{SPEECH})\s+((?:the\s+)?{_NAME.pattern})")
_AFTER_SUBJECT = re.compile(
    rf"^[\s,]*(?:[^,;!?“”\"]{{0,100}}?,\s*)??((?:[\w’'.-]+\s+){{0,8}}?)(?:{SPEECH})\b"
)
_ACCORDING = re.compile(
    rf"\b[Aa]ccording to\s+(?:the\s+)?((?:[\w’'.-]+\s+){{0,2}}?{_NAME.pattern})"
)
_BEFORE_VERB = re.compile(rf"(?<![\w’'.-])((?:[\w’'.-]+\s+){{0,8}}?)(?:{SPEECH})\b")
_TITLED = re.compile(
    rf"\b(?:President|Secretary|Minister|Senator|Sen\.|Rep\.|Gov\.|Governor|Mayor|General|"
    rf"Gen\.|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|Judge|Ambassador|Chancellor|Premier|Chairman|"
    rf"CEO|leader|minister|president|spokesman|spokeswoman|spokesperson|chief|executive|"
    rf"director|secretary)\s+(?:of\s+(?:the\s+)?{_CAP}\s+)?({_CAP}(?:\s+{_CAP})*)"
)
#: Words that name a role or origin rather than the person, stripped from a speaker.
TITLE_WORDS = words(
    "president secretary minister senator sen. rep. gov. governor mayor general gen. mr. "
    "mrs. ms. dr. prof. professor judge justice ambassador chancellor premier chairman "
    "chairwoman ceo chief director spokesman spokeswoman spokesperson leader foreign "
    "defense defence prime vice deputy u.s. us uk u.k. the former acting "
    "interior finance trade commerce economy health"
)
_SPEAKING = re.compile(rf"({_NAME.pattern})\s+(?:{SPEECH})\b")
# _SPEAKING in two steps that stay linear on long runs of capitalized words: find each
# speech verb, then the name that ends just before it within a bounded window
_SPEECH_VERB = re.compile(rf"(?<=\s)(?:{SPEECH})\b")
_NAME_BEFORE = re.compile(rf"({_NAME.pattern})\s+\Z")
#: How far before a speech verb its subject's name may start (names are far shorter).
NAME_REACH = 200
_OPENERS = words("however meanwhile still also yet then now instead moreover but")
_NOT_NAMES = words(
    "the a an in on at but and or so if when while after before as however meanwhile "
    "according this that these those monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october "
    "november december"
)


def find_quotes(text: str, sentences: list[Sentence] | None = None) -> list[Figure]:
    """Return the direct quotations in ``text`` with their speakers."""
    sentences = split_sentences(text) if sentences is None else sentences
    starts = [s.start for s in sentences]
    titled = list(_TITLED.finditer(text))
    people = _People(_known_people(text, titled), _known_roles(text, titled), text)
    out: list[Figure] = []
    for start, end in _quote_spans(text):
        checkpoint()
        inner = text[start + 1 : end - 1] if text[end - 1] in '”"»’' else text[start + 1 : end]
        if sum(1 for _ in islice(_WORDS.finditer(inner), 5)) <= 4:
            continue  # scare quotes, titles, single terms
        sentence = _containing(sentences, starts, start)
        closing = _containing(sentences, starts, max(start, end - 1))
        speaker = _speaker(text, start, end, sentence, closing, people)
        value: dict[str, str | None] = {"speaker": speaker}
        if speaker:
            speaker, role = people.full(speaker, start)
            value["speaker"] = speaker
            if role:
                value["role"] = role
            people.speakers.append((start, speaker))
        out.append(Figure("quote", start, end, text[start:end], value))
    return out


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Pair quotation marks paragraph by paragraph; nested marks stay inside the outer pair."""
    spans = []
    for lo, hi in lines(text):
        depth, opened, single = 0, -1, False
        for m in _MARK.finditer(text, lo, hi):
            ch, pos = m.group(), m.start()
            if depth == 0:
                if ch in "“«" or (ch == '"' and _opens(text, pos, lo)):
                    depth, opened, single = 1, pos, False
                elif ch == "‘" and _opens(text, pos, lo):
                    depth, opened, single = 1, pos, True
            elif single:
                if ch == "’" and not _inside_word(text, pos, hi):
                    spans.append((opened, pos + 1))
                    depth = 0
            elif ch in "“«":
                depth += 1
            elif ch in '”»"':
                # a straight mark cannot nest, so it closes whatever is open
                depth = 0 if ch == '"' else depth - 1
                if depth == 0:
                    spans.append((opened, pos + 1))
        if depth > 0:
            end = hi
            spans.append((opened, end))
    return spans


def _opens(text: str, pos: int, lo: int) -> bool:
    """True when the mark at ``pos`` starts a word (after space, bracket or dash)."""
    return pos == lo or text[pos - 1].isspace() or text[pos - 1] in "([{—–-:"


def _inside_word(text: str, pos: int, hi: int) -> bool:
    """True for an apostrophe between letters (Russia’s), which never closes a quotation."""
    return pos + 1 < hi and text[pos + 1].isalpha() and text[pos - 1].isalpha()


def _containing(sentences: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    i = bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 and sentences[i].end > pos else None


def _speaker(text, start, end, sentence, closing, people) -> str | None:
    """Find who is quoted: attribution after, then before, then the subject, then pronouns."""
    last_end = closing.end if closing else end
    after = text[end : min(last_end, end + 200)]
    m = _AFTER_VERB_FIRST.match(after)
    if m:
        return _resolve(m.group(1), start, people)
    m = _ACCORDING.search(after)
    if m:
        return _resolve(m.group(1), start, people)
    m = _AFTER_SUBJECT.match(after)
    if m and m.group(1).strip():
        return _resolve(m.group(1), start, people)
    first = sentence.start if sentence else start
    before = text[max(first, start - 400) : start]
    m = _ACCORDING.search(before)
    if m:
        return _resolve(m.group(1), start, people)
    for m in _BEFORE_VERB.finditer(before):
        subject = m.group(1).split()
        if subject and subject[-1].lower() not in ("and", "to", "have", "has", "had", "was"):
            name = _resolve(m.group(1), start, people)
            if name:
                return name
    subject = _subject(before)
    if subject:
        return subject
    return _last_person(start, people)


def _resolve(phrase: str, pos: int, people) -> str | None:
    """Turn a subject phrase into a speaker name, resolving pronouns and bare titles."""
    tokens = phrase.split()
    if not tokens:
        return None
    if tokens[-1].lower() in PRONOUNS:
        return _last_person(pos, people)
    name = _name_in(phrase)
    return name or _last_person(pos, people)


def _name_in(phrase: str) -> str | None:
    """The last run of capitalized words in ``phrase``, without the titles before the name."""
    for m in reversed(list(_NAME.finditer(phrase))):
        tokens = m.group().split()
        # "CNN. Blinken": a one-dot word that is no abbreviation ends a sentence
        for i in range(len(tokens) - 1, -1, -1):
            t = tokens[i]
            if i < len(tokens) - 1 and t.endswith(".") and t.count(".") == 1 and len(t) > 3:
                tokens = tokens[i + 1 :]
                break
        cut = 0
        i = 0
        while i < len(tokens):
            if tokens[i].lower() in TITLE_WORDS:
                cut = i + 1
                if i + 2 < len(tokens) and tokens[i + 1] == "of":
                    cut = i = i + 2 + (tokens[i + 2].lower() == "the")
                    cut += 1
            i += 1
        tokens = [t for t in tokens[cut:] if t != "of"]
        while tokens and tokens[0].lower() in _NOT_NAMES:
            tokens.pop(0)
        tokens = [t[:-2] if t.endswith(("’s", "'s")) else t.rstrip(",") for t in tokens]
        if tokens and tokens[-1].count(".") == 1 and len(tokens[-1]) > 3:
            tokens[-1] = tokens[-1].rstrip(".")  # "World Bank." at a sentence end
        if tokens:
            return " ".join(tokens)
    return None


def _subject(before: str) -> str | None:
    """The first name that is not a modifier ("the Blinken visit"), after an opening phrase."""
    first = before.split(" ", 1)[0].lower().rstrip(",")
    cut = before.find(", ")
    if cut != -1 and (first in _NOT_NAMES or first.endswith(("ly", "ing")) or first in _OPENERS):
        before = before[cut + 2 :]
    if before.split(" ", 1)[0].lower() in PRONOUNS:
        return None
    for m in _NAME.finditer(before):
        prev = before[: m.start()].rstrip().rsplit(" ", 1)[-1].lower()
        if prev in ("the", "a", "an", "of", "to", "in", "with", "by", "on", "about"):
            continue
        if before[m.end() : m.end() + 2] in ("’s", "'s"):
            continue
        name = _name_in(m.group())
        if name and name.lower() not in _NOT_NAMES:
            return name
    return None


#: Nouns that name a role (the head of a title like "Deputy Treasury Secretary").
_ROLE_NOUNS = TITLE_WORDS | words(
    "official officials spokesman adviser advisor analyst economist head chair chairperson "
    "commissioner administrator envoy representative officer commander lawmaker senator "
    "congressman congresswoman governor ambassador mayor minister secretary president "
    "assistant undersecretary counselor attorney general"
)
# the capitalized words just before a name ("U.S. Deputy Treasury Secretary ", "Assistant
# Secretary of Defense "): a title when its last word names a role
_ROLE_BEFORE = re.compile(rf"((?:{_CAP}|of|the|for)(?:{_GAP}(?:{_CAP}|of|the|for))*){_GAP}\Z")
# an appositive after a name: "Wally Adeyemo, the deputy treasury secretary, said"
_APPOSITIVE = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?([^,;.“”\"()]{3,80}?),")


def _role_before(text: str, start: int) -> str | None:
    """The title written just before the name starting at ``start``, or None."""
    m = _ROLE_BEFORE.search(text, max(0, start - 100), start)
    if not m:
        return None
    tokens = m.group(1).split()
    while tokens and tokens[0].lower() in ("the", "of", "for", "a", "an"):
        tokens.pop(0)
    heads = [i for i, t in enumerate(tokens) if t.lower().rstrip(".") in _ROLE_NOUNS]
    # the title ends in its role noun, or in an "of" phrase after it ("Secretary of State")
    if not heads or (heads[-1] != len(tokens) - 1 and tokens[heads[-1] + 1] != "of"):
        return None
    return " ".join(tokens)


def _known_roles(text: str, titled: list[re.Match]) -> list[tuple[int, str, str]]:
    """``(start, name, role)`` for people named with a title before the name."""
    found = []
    for m in titled:
        role = _role_before(text, m.start(1))
        if role:
            found.append((m.start(1), _name_in(m.group(1)) or m.group(1), role))
    return found


def _role_after(text: str, name: str, pos: int) -> str | None:
    """The appositive title after ``name``'s first mention before ``pos`` ("X, the envoy,")."""
    at = text.find(name + ",", max(0, pos - 5000), pos)
    if at < 0:
        return None
    m = _APPOSITIVE.match(text, at + len(name) + 1)
    if not m:
        return None
    role = m.group(1).strip()
    return role if any(w.lower() in _ROLE_NOUNS for w in role.split()[-2:]) else None


def _known_people(text: str, titled: list[re.Match] | None = None) -> list[tuple[int, str]]:
    """People introduced with a title or as the subject of a speech verb, by position."""
    titled = list(_TITLED.finditer(text)) if titled is None else titled
    found = [(m.start(1), m.group(1)) for m in titled]
    for start, phrase in _speaking(text):
        name = _name_in(phrase)
        if name and name.lower() not in _NOT_NAMES:
            found.append((start, name))
    return sorted(found)


def _speaking(text: str):
    """``(start, name)`` for each name followed by a speech verb, as ``_SPEAKING`` finds them.

    A name never runs across a speech verb (those are lower case), so each verb's window
    starts after the previous verb: the windows never overlap and the scan stays linear.
    """
    floor = 0
    for v in _SPEECH_VERB.finditer(text):
        lo = max(floor, v.start() - NAME_REACH)
        floor = v.end()
        m = _NAME_BEFORE.search(text, lo, v.start())
        if m:
            yield m.start(1), m.group(1)


class _People:
    """Named people by position: those found up front, and quote speakers as they resolve."""

    def __init__(
        self,
        named: list[tuple[int, str]],
        roles: list[tuple[int, str, str]] | None = None,
        text: str = "",
    ) -> None:
        self.named = named
        self.text = text
        # titled people by full name and by "~surname", each list in text order
        self.by_name: dict[str, list[tuple[int, str, str]]] = {}
        for start, full, role in roles or []:
            for key in (full, "~" + full.split()[-1]):
                self.by_name.setdefault(key, []).append((start, full, role))
        self.speakers: list[tuple[int, str]] = []  # appended in text order, so stays sorted

    def full(self, name: str, pos: int) -> tuple[str, str | None]:
        """The full name and title of ``name`` as the text introduced them near ``pos``.

        A surname alone ("Kravchenko") becomes the titled person introduced earlier with it
        ("Ruslan Kravchenko", "Governor"); a name written in full keeps its own title, the
        nearest one given to it in the text (before the quotation or just after it)."""
        key = name if " " in name else "~" + name
        found = self.by_name.get(key)
        if found:
            i = bisect_right(found, (pos + 300, "\uffff")) - 1  # titled up to just after it
            if i >= 0:
                return found[i][1], found[i][2]
        if " " not in name:  # a surname alone: the full name it was first written with
            lo = max(0, pos - 5000)
            at = self.text.find(name + ",", lo, pos)
            run = _ROLE_BEFORE.search(self.text, max(0, at - 100), at) if at > 0 else None
            full = _name_in(f"{run.group(1)} {name}") if run else None
            if full and full.endswith(name) and " " in full:
                role = _role_before(self.text, at + len(name) - len(full))
                return full, role or _role_after(self.text, full, pos)
        return name, (_role_after(self.text, name, pos) if " " in name else None)

    def last_before(self, pos: int) -> tuple[int, str] | None:
        best = None
        for people in (self.named, self.speakers):
            i = bisect_right(people, (pos, "")) - 1
            if i >= 0 and (best is None or people[i][0] >= best[0]):
                best = people[i]
        return best


def _last_person(pos: int, people: _People) -> str | None:
    found = people.last_before(pos)
    return found[1] if found else None
