"""Dates and durations found by the temporal finder, with their normalized values."""

import datetime as dt

import pytest

from workbench.extraction.temporal import find_temporal

PUB = dt.date(2024, 5, 1)


def figures(text, published=PUB, category=None):
    found = find_temporal(text, published)
    for f in found:
        assert text[f.start:f.end] == f.text
    return [(f.category, f.text, f.value) for f in found if category in (None, f.category)]


def dates(text, published=PUB):
    return [(f[1], f[2].get("date")) for f in figures(text, published, "date")]


def durations(text, published=PUB):
    return [(f[1], f[2]) for f in figures(text, published, "duration")]


@pytest.mark.parametrize(("text", "span", "iso"), [
    ("Published: May 1, 2024", "May 1, 2024", "2024-05-01"),
    ("It began on 1 May 2024.", "1 May 2024", "2024-05-01"),
    ("They spoke on Jan. 31, 2024 by video link.", "Jan. 31, 2024", "2024-01-31"),
    ("The file is dated 2024-05-01.", "2024-05-01", "2024-05-01"),
    ("March 01, 2008", "March 01, 2008", "2008-03-01"),
    ("a press conference on april 26 2024", "april 26 2024", "2024-04-26"),
    ("The flight, on Nov. 9, 2022, was late.", "Nov. 9, 2022", "2022-11-09"),
    ("written in the American format, 7/8/07.", "7/8/07", "2007-07-08"),
    ("The vote came in May 2024.", "May 2024", "2024-05"),
    ("The store opened in 2008.", "2008", "2008"),
    ("It opens on June 1st in Detroit.", "June 1st", "2024-06-01"),
])
def test_absolute_dates(text, span, iso):
    assert dates(text) == [(span, iso)]


def test_date_without_year_takes_publication_year():
    assert dates("He spoke at a press conference on April 26.") == [("April 26", "2024-04-26")]


def test_date_without_year_after_publication_in_past_tense_is_last_year():
    assert dates("The pact was signed on December 20.") == [("December 20", "2023-12-20")]


def test_date_without_year_after_publication_in_future_tense_stays():
    assert dates("The software will be available on June 17.") == [("June 17", "2024-06-17")]


def test_month_without_year_in_past_tense_and_future_tense():
    assert dates("Sales fell in October.") == [("October", "2023-10")]
    assert dates("The deal should be completed in October.") == [("October", "2024-10")]


@pytest.mark.parametrize(("text", "published", "iso"), [
    ("They met last November.", dt.date(2024, 5, 1), "2023-11"),
    ("They met last October.", dt.date(2024, 5, 1), "2023-10"),
    ("They met last December.", dt.date(2024, 1, 10), "2023-12"),
    ("The talks resume next January.", dt.date(2023, 12, 5), "2024-01"),
])
def test_relative_months_cross_year_boundaries(text, published, iso):
    assert [d[1] for d in dates(text, published)] == [iso]


@pytest.mark.parametrize(("words", "iso"), [
    ("yesterday", "2024-04-30"),
    ("today", "2024-05-01"),
    ("tomorrow", "2024-05-02"),
    ("last year", "2023"),
    ("this year", "2024"),
    ("next month", "2024-06"),
    ("earlier this month", "2024-05"),
    ("next week", "2024-W19"),
    ("last week", "2024-W17"),
    ("this weekend", "2024-W18-WE"),
    ("the end of last year", "2023"),
    ("two years ago", "2022"),
])
def test_relative_dates_resolve_against_publication(words, iso):
    assert (words, iso) in dates(f"It happened {words} in Paris.")


def test_year_boundary_for_relative_units():
    assert dates("Prices rose last month.", dt.date(2024, 1, 15)) == [("last month", "2023-12")]
    assert dates("Prices rose last week.", dt.date(2024, 1, 3)) == [("last week", "2023-W52")]


def test_weekday_points_back_in_past_tense_and_forward_in_future_tense():
    # 2024-05-01 is a Wednesday
    assert dates("Apple announced on Tuesday that sales grew.") == [("Tuesday", "2024-04-30")]
    assert dates("The trial is set to begin on Friday.") == [("Friday", "2024-05-03")]
    assert dates("The company said Wednesday it was done.") == [("Wednesday", "2024-05-01")]
    assert dates("They met last Wednesday.") == [("last Wednesday", "2024-04-24")]


def test_relative_dates_without_publication_keep_their_words():
    assert figures("They met last November.", None) == [
        ("date", "last November", {"date": None, "relative": "last November"})]


def test_absolute_dates_resolve_without_publication():
    assert dates("Signed on May 1, 2024.", None) == [("May 1, 2024", "2024-05-01")]


def test_weekday_in_parentheses_is_checked():
    text = "From April 24 (Wednesday) to April 26, Blinken traveled to Beijing."
    assert figures(text) == [
        ("date", "April 24 (Wednesday)",
         {"date": "2024-04-24", "weekday": "Wednesday", "weekday_consistent": True}),
        ("date", "April 26", {"date": "2024-04-26"}),
    ]
    wrong = figures("He arrived on April 24 (Thursday).")[0][2]
    assert wrong["weekday"] == "Thursday" and wrong["weekday_consistent"] is False


def test_leading_weekday_is_checked():
    value = figures("Wednesday, April 24, 2024: the talks began.")[0][2]
    assert value == {"date": "2024-04-24", "weekday": "Wednesday", "weekday_consistent": True}


@pytest.mark.parametrize(("text", "expected"), [
    ("He was there April 24-26.", [("April 24-26", "2024-04-24/2024-04-26")]),
    ("He was there from April 24 to 26.", [("April 24 to 26", "2024-04-24/2024-04-26")]),
    ("between 2001 and 2005", [("2001", "2001"), ("2005", "2005")]),
    ("in 2001-2005", [("2001-2005", "2001/2005")]),
    ("the 2009-10 season", [("2009-10", "2009/2010")]),
    ("in the 1990s", [("the 1990s", "1990/1999")]),
])
def test_ranges(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(("text", "span", "iso"), [
    ("the fiscal year 2023 budget", "fiscal year 2023", "2023"),
    ("revenue in FY2023 fell", "FY2023", "2023"),
    ("revenue in FY24 fell", "FY24", "2024"),
    ("profit for fiscal 2022", "fiscal 2022", "2022"),
])
def test_fiscal_years(text, span, iso):
    (found,) = figures(text)
    assert found[1].endswith(span) and found[2] == {"date": iso, "fiscal": True}


@pytest.mark.parametrize(("text", "span", "iso"), [
    ("GM lost US$6 billion in the first quarter of 2009.", "the first quarter of 2009", "2009-Q1"),
    ("Sales rose in Q3 2023.", "Q3 2023", "2023-Q3"),
    ("Profits rose during the last quarter.", "the last quarter", "2024-Q1"),
    ("In the first quarter of last year, GM lost money.", "the first quarter of last year",
     "2023-Q1"),
    ("The A380 flies in the spring of 2008.", "the spring of 2008", "2008-SP"),
    ("They met last summer.", "last summer", "2023-SU"),
])
def test_quarters_and_seasons(text, span, iso):
    assert dates(text) == [(span, iso)]


@pytest.mark.parametrize(("text", "span", "value"), [
    ("spending three days in China", "three days", {"duration": "P3D"}),
    ("In an over five-hour talk", "over five-hour", {"duration": "PT5H", "qualifier": "over"}),
    ("its two-year-old war on Ukraine", "two-year-old", {"duration": "P2Y"}),
    ("He led it for a decade.", "a decade", {"duration": "P10Y"}),
    ("after 10 years of work", "10 years", {"duration": "P10Y"}),
    ("It took six months off.", "six months", {"duration": "P6M"}),
    ("within 48 hours", "48 hours", {"duration": "PT48H"}),
    ("for half an hour", "half an hour", {"duration": "PT30M"}),
    ("almost two and a half years behind", "almost two and a half years",
     {"duration": "P2.5Y", "qualifier": "about"}),
    ("more than 20 years", "more than 20 years", {"duration": "P20Y", "qualifier": "over"}),
    ("less than a month", "less than a month", {"duration": "P1M", "qualifier": "under"}),
    ("at least 10 days", "at least 10 days", {"duration": "P10D", "qualifier": "at least"}),
    ("at most 3 weeks", "at most 3 weeks", {"duration": "P3W", "qualifier": "at most"}),
    ("up to 5 years", "up to 5 years", {"duration": "P5Y", "qualifier": "up to"}),
    ("a 27-year contract", "27-year", {"duration": "P27Y"}),
    ("over the next four years", "the next four years", {"duration": "P4Y"}),
    ("a year and a half later", "a year and a half", {"duration": "P1.5Y"}),
    ("in 3-5 years", "3-5 years", {"duration": "P3Y", "range": ["P3Y", "P5Y"]}),
])
def test_durations(text, span, value):
    assert durations(text) == [(span, value)]


def test_duration_range_with_words_gives_both_ends():
    assert durations("It would take between 60 and 90 days.") == [
        ("60", {"duration": "P60D"}), ("90 days", {"duration": "P90D"})]


def test_rates_are_not_durations():
    assert durations("It builds 15 a year and pays $5 billion a year, twice a week.") == []
    assert durations("open 24 hours a day") == [("24 hours", {"duration": "PT24H"})]


def test_ago_gives_a_date_and_the_duration_inside_it():
    assert figures("The program, begun two years ago, slipped.") == [
        ("duration", "two years", {"duration": "P2Y"}),
        ("date", "two years ago", {"date": "2022"}),
    ]


def test_vague_words_are_not_dates():
    assert figures("Blinken recently made his second visit; he is currently in Paris.") == []


def test_counts_and_labels_are_not_years():
    assert dates("The firm cut 2000 jobs in Room 1999.") == []


def test_months_that_are_names_or_verbs_are_not_dates():
    assert dates("May I ask? April Smith and June Carter met.") == []
    assert dates("Apple said this may hurt sales.") == []


def test_time_of_day_joins_its_date():
    (found,) = figures("GM filed at 12:00 UTC Monday in New York.")
    assert found[1] == "12:00 UTC Monday" and found[2]["date"] == "2024-04-29"
    assert figures("The plane landed at 18:00 UTC.") == []


def test_offsets_count_code_points_after_emoji():
    text = "\U0001F600\U0001F30D Talks ended on April 26, 2024 \U0001F44D after three days."
    found = find_temporal(text, PUB)
    assert [(f.text, text[f.start:f.end]) for f in found] == [
        ("April 26, 2024", "April 26, 2024"), ("three days", "three days")]
    assert found[0].start == text.index("April")


def test_no_break_spaces_and_curly_quotes():
    text = "\u201cWe met on April\u00a024,\u201d he said, \u2018for\u00a0three\u00a0days\u2019."
    assert figures(text) == [
        ("date", "April\u00a024", {"date": "2024-04-24"}),
        ("duration", "three\u00a0days", {"duration": "P3D"}),
    ]


def test_empty_and_irrelevant_text():
    assert find_temporal("", PUB) == []
    assert find_temporal("No figures here at all.", PUB) == []


@pytest.mark.parametrize("text", [
    "a" * 1_000_000,
    "1" * 100_000,
    "1,000" * 20_000,
    "JanuaryFebruary" * 50_000,
    "one million " * 20_000 + "years",
    "years " * 50_000,
    "12:00 UTC " * 20_000,
])
def test_pathological_inputs_find_nothing(text):
    assert len(find_temporal(text, PUB)) <= 1


def test_long_run_of_month_names_still_finds_the_real_date():
    text = "January " * 50_000 + "on May 1, 2024."
    found = find_temporal(text, PUB)
    assert ("May 1, 2024", {"date": "2024-05-01"}) in [(f.text, f.value) for f in found]


def test_many_dates_are_all_found():
    text = "May 1, 2024; " * 5_000
    found = find_temporal(text, PUB)
    assert len(found) == 5_000 and {f.value["date"] for f in found} == {"2024-05-01"}
