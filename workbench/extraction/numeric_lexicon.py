"""Word lists and small anchored regexes shared by the money, percentage and quantity finders."""

from __future__ import annotations

import re

_SP = r"[ \u00a0\u202f]"


def words(s: str) -> frozenset[str]:
    """The set of the whitespace-separated words of s (keeps long word lists readable)."""
    return frozenset(s.split())


MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"

#: Qualifier phrases written before a figure, longest first, mapped to the product's qualifiers.
QUALIFIERS: dict[str, str] = {
    "more than": "over",
    "over": "over",
    "just over": "over",
    "well over": "over",
    "upwards of": "over",
    "in excess of": "over",
    "greater than": "over",
    "above": "over",
    "exceeding": "over",
    "north of": "over",
    "under": "under",
    "less than": "under",
    "fewer than": "under",
    "below": "under",
    "just under": "under",
    "shy of": "under",
    "about": "about",
    "around": "about",
    "nearly": "about",
    "almost": "about",
    "roughly": "about",
    "approximately": "about",
    "approx.": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "about",
    "circa": "about",
    "an approximate": "about",
    "~": "about",
    "some estimated": "about",
    "at least": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "a minimum of": "at least",
    "at most": "at most",
    "no more than": "at most",
    "a maximum of": "at most",
    "up to": "up to",
    "as much as": "up to",
    "as many as": "up to",
    "as high as": "up to",
}
_QUAL_ALT = "|".join(
    re.escape(q).replace(r"\ ", _SP) for q in sorted(QUALIFIERS, key=len, reverse=True)
)
#: Matches a qualifier (plus optional "between"/"from") right before the number; use on a window.
QUALIFIER_BEFORE = re.compile(
    rf"(?:(?<![\w.])|(?<=~))(?P<q>{_QUAL_ALT}){_SP}*(?:(?:the|a|an){_SP}+)?$", re.I
)
RANGE_OPENER_BEFORE = re.compile(rf"(?<![\w])(?P<q>between|from){_SP}+$", re.I)

CURRENCY_SYMBOLS = {
    "$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "₩": "KRW",
    "₽": "RUB",
    "₺": "TRY",
    "₪": "ILS",
    "₦": "NGN",
    "฿": "THB",
}
DOLLAR_PREFIXES = {
    "us": "USD",
    "u.s.": "USD",
    "usd": "USD",
    "au": "AUD",
    "a": "AUD",
    "aud": "AUD",
    "c": "CAD",
    "ca": "CAD",
    "cad": "CAD",
    "can": "CAD",
    "nz": "NZD",
    "nzd": "NZD",
    "hk": "HKD",
    "hkd": "HKD",
    "s": "SGD",
    "sgd": "SGD",
    "nt": "TWD",
    "mx": "MXN",
    "mex": "MXN",
    "r": "BRL",
    "z": "ZWD",
    "gb": "GBP",
}
CODE_ALIASES = {"rmb": "CNY", "rs": "INR", "rs.": "INR"}
#: Prefixes that say which currency the yen/yuan sign "¥" stands for ("RMB ¥5", "CN¥5").
YEN_SIGN_PREFIXES = {"rmb": "CNY", "cny": "CNY", "cn": "CNY", "jpy": "JPY", "jp": "JPY"}
#: "US$", "GB £", "C$", "USD$ ", "€" and ISO codes ("EUR 5m", "Rs. 500") right before a number.
CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<pre>US|U\.S\.|USD|AUD|AU|A|CAD|CA|Can|C|NZD|NZ|HKD|HK|SGD|S|NT|MX"
    r"|Mex|R|Z|GB|RMB|CNY|CN|JPY|JP)[ \u00a0]?)?(?P<sym>[$£€¥₹₩₽₺₪₦฿])[ \u00a0]?$"
    r"|(?<![A-Za-z])(?P<code>USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD|HKD|SGD|NZD|KRW|RUB|BRL"
    r"|MXN|ZAR|SEK|NOK|DKK|TRY|TWD|Rs\.?)[ \u00a0]?$"
)
_CUR_WORDS = {
    "dollar": "USD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupee": "INR",
    "franc": "CHF",
    "peso": "MXN",
    "ruble": "RUB",
    "rouble": "RUB",
    "won": "KRW",
    "lira": "TRY",
    "real": "BRL",
    "reais": "BRL",
    "rand": "ZAR",
    "riyal": "SAR",
    "dirham": "AED",
    "ringgit": "MYR",
    "baht": "THB",
    "naira": "NGN",
    "shekel": "ILS",
    "krona": "SEK",
    "krone": "NOK",
    "cent": "USD",
    "pence": "GBP",
    "penny": "GBP",
}
_NATION_DOLLARS = {
    "us": "USD",
    "u.s.": "USD",
    "american": "USD",
    "canadian": "CAD",
    "australian": "AUD",
    "hong kong": "HKD",
    "singapore": "SGD",
    "new zealand": "NZD",
    "taiwan": "TWD",
    "zimbabwe": "ZWD",
    "swiss": "CHF",
    "mexican": "MXN",
    "indian": "INR",
    "chinese": "CNY",
    "japanese": "JPY",
    "korean": "KRW",
    "south korean": "KRW",
    "russian": "RUB",
    "brazilian": "BRL",
    "south african": "ZAR",
    "british": "GBP",
    "turkish": "TRY",
}
_NATIONS = "|".join(
    re.escape(n).replace(r"\ ", _SP) for n in sorted(_NATION_DOLLARS, key=len, reverse=True)
)
#: A currency written after the number: "dollars", "US dollars", "euros", "(USD)", "yuan".
CURRENCY_AFTER = re.compile(
    rf"^{_SP}?(?:-{_SP}?)?(?:of{_SP}+)?(?:(?P<nation>{_NATIONS}){_SP}+)?"
    r"(?P<word>dollars?|euros?|pounds?(?:[ \u00a0]sterling)?|sterling|yen|yuan|renminbi"
    r"|rupees?|francs?|pesos?|rubles?|roubles?|won|lira|reais|real|rand|riyals?|dirhams?"
    r"|ringgit|baht|naira|shekels?|kronor|krona|kroner|krone|cents?|pence|penny)\b"
    r"|^[ \u00a0]?\(?(?P<code>USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD|HKD|SGD|NZD|KRW|RUB"
    r"|BRL|MXN|ZAR)\b\)?",
    re.I,
)
#: Currency words that are also ordinary English (weight, verb, adjective): money only with
#: a multiplier ("3 billion won", "a million pounds") or a nation ("Brazilian real").
AMBIGUOUS_CURRENCY = {"pound", "pounds", "won", "real", "rand", "franc"}


def currency_of_word(word: str, nation: str | None) -> str:
    """ISO code for a currency word such as "dollars" or "Canadian dollars"."""
    w = word.lower().split()[0]
    if nation and w.startswith("dollar"):
        return _NATION_DOLLARS.get(" ".join(nation.lower().split()), "USD")
    for stem, code in _CUR_WORDS.items():
        if w.startswith(stem):
            return code
    return "USD"


SCALE_AFTER = re.compile(
    rf"^(?:{_SP}?-{_SP}?|{_SP})?(?P<s>million|billion|trillion|thousand|crore|lakh|mln|bln|mn|bn|tn|trn)\b",
    re.I,
)
PERCENT_AFTER = re.compile(
    rf"^{_SP}?(?:(?P<pp>percentage{_SP}points?|basis{_SP}points?|bps\b)"
    rf"|(?P<p>%|％|percent\b|per{_SP}?cent\b|pct\b|pc\b|-percent\b|-per-cent\b))",
    re.I,
)
# Time-of-day and duration contexts belong to the temporal finder.
TIME_AFTER = re.compile(
    r"^(?::\d|[ \u00a0]?(?:[ap]\.m\.|[ap]m\b|[ap]\.m\b|o'clock|o’clock)"
    r"|[ \u00a0](?:GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|IST|JST)\b)",
    re.I,
)
DURATION_AFTER = re.compile(
    rf"^(?:{_SP}|-|{_SP}-{_SP})(?:and[ -]a[ -]half[ -])?(?:(?:more|additional|full|long|straight"
    r"|consecutive|calendar|business|working|extra|successive|light|odd)[ \u00a0-])?"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?"
    r"|decades?|centuries|century|nights?|weekends?|fortnights?|semesters?|quarters?"
    r"|millennia|millennium|generations?)\b",
    re.I,
)
MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?{_SP}(?:of{_SP})?{MONTHS}\b\.?", re.I)
#: Nouns that make the following number a label, not a count ("Article 5", "page 12").
LABEL_NOUNS = words(
    "version v ver flight route article section chapter page pages room gate platform highway "
    "interstate channel level stage phase grade season episode number no no. item line clause "
    "paragraph rule exit bus track model series code resolution title figure fig. table "
    "volume vol. issue act psalm verse part step option type class category size width height "
    "apartment suite unit floor lot block district ward precinct box pier terminal runway "
    "squadron division regiment battalion brigade corps bill hr s. h.r. amendment proposition "
    "prop. measure question id pin zip extension ext. tel. phone fax ranked rank #"
)
#: Words allowed before a number even when capitalized (sentence starts, qualifiers).
CAPITALIZED_FUNCTION_WORDS = words(
    "a an the about some over under nearly almost around roughly approximately just only all "
    "and or but of in on at by for to from with than as up more less fewer at another these "
    "those its their his her our my your estimated exactly another by when while after before "
    "since until if at least no yet so then there here that this which what who where why how "
    "every each both other another some many most among between during including plus minus "
    "whereas although though because meanwhile also still already now"
)
MEASURE_UNITS = words(
    "km kms kilometers kilometres kilometre kilometer m meters metres metre meter cm mm mi "
    "miles mile ft feet foot in inch inches yd yards yard kg kgs kilograms kilogram kilogrammes "
    "g grams gram mg lb lbs pounds pound oz ounces ounce t tons tonnes ton tonne mt l liters "
    "litres liter litre ml gallons gallon barrels barrel bbl bpd mph kph km/h kmh knots knot "
    "gb mb tb kb pb gbps mbps kbps ghz mhz khz hz mw gw kw tw kwh mwh gwh twh w watts watt "
    "volts volt v mah acres acre hectares hectare ha sq square cubic degrees degree °c °f c f "
    "nautical megapixels megapixel mp calories calorie kcal bytes byte bits bit cc"
)
#: Units written attached to digits ("500km", "2GB", "3.5-inch").
ATTACHED_UNITS = MEASURE_UNITS | frozenset({"x"})
STOP_WORDS = words(
    "of in on at for to from by with per over under into onto about across between through "
    "during since until till after before than as like within without against among amongst "
    "toward towards via including plus minus each a an the this that these those and or but "
    "nor so yet which who whom whose where when while if because it its they their them he "
    "she his her we our you your i me my is are was were be been being has have had having "
    "will would can could may might must shall should do does did done not no only also "
    "respectively apiece up down out off there here then than what how why all both either "
    "neither such said says say according compared versus vs who's it's that's am pm "
    "today yesterday tomorrow last next ago earlier later now annually yearly monthly weekly "
    "daily overall total altogether"
)
TEMPORAL_WORDS = re.compile(rf"^(?:{MONTHS}|{WEEKDAYS})$", re.I)
