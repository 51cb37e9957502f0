"""Dates and durations found by the temporal finder, with their normalized values."""

import datetime as dt

import pytest

from workbench.extraction.temporal import find_temporal

PUB = dt.date(2024, 5, 1)


def figures(text, published=PUB, category=None):
    found = find_temporal(text, published)
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.category, f.text, f.value) for f in found if category in (None, f.category)]


def dates(text, published=PUB):
    return [(f[1], f[2].get("date")) for f in figures(text, published, "date")]


def durations(text, published=PUB):
    return [(f[1], f[2]) for f in figures(text, published, "duration")]


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
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
    ],
)
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


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("They met last November.", dt.date(2024, 5, 1), "2023-11"),
        ("They met last October.", dt.date(2024, 5, 1), "2023-10"),
        ("They met last December.", dt.date(2024, 1, 10), "2023-12"),
        ("The talks resume next January.", dt.date(2023, 12, 5), "2024-01"),
    ],
)
def test_relative_months_cross_year_boundaries(text, published, iso):
    assert [d[1] for d in dates(text, published)] == [iso]


@pytest.mark.parametrize(
    ("words", "iso"),
    [
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
    ],
)
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
        ("date", "last November", {"date": None, "relative": "last November"})
    ]


def test_absolute_dates_resolve_without_publication():
    assert dates("Signed on May 1, 2024.", None) == [("May 1, 2024", "2024-05-01")]


def test_weekday_in_parentheses_is_checked():
    text = "From April 24 (Wednesday) to April 26, Blinken traveled to Beijing."
    assert figures(text) == [
        (
            "date",
            "April 24 (Wednesday)",
            {"date": "2024-04-24", "weekday": "Wednesday", "weekday_consistent": True},
        ),
        ("date", "April 26", {"date": "2024-04-26"}),
    ]
    wrong = figures("He arrived on April 24 (Thursday).")[0][2]
    assert wrong["weekday"] == "Thursday" and wrong["weekday_consistent"] is False


def test_leading_weekday_is_checked():
    value = figures("Wednesday, April 24, 2024: the talks began.")[0][2]
    assert value == {"date": "2024-04-24", "weekday": "Wednesday", "weekday_consistent": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He was there April 24-26.", [("April 24-26", "2024-04-24/2024-04-26")]),
        ("He was there from April 24 to 26.", [("April 24 to 26", "2024-04-24/2024-04-26")]),
        ("between 2001 and 2005", [("2001", "2001"), ("2005", "2005")]),
        ("in 2001-2005", [("2001-2005", "2001/2005")]),
        ("the 2009-10 season", [("2009-10", "2009/2010")]),
        ("in the 1990s", [("the 1990s", "1990/1999")]),
    ],
)
def test_ranges(text, expected):
    assert dates(text) == expected


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("the fiscal year 2023 budget", "fiscal year 2023", "2023"),
        ("revenue in FY2023 fell", "FY2023", "2023"),
        ("revenue in FY24 fell", "FY24", "2024"),
        ("profit for fiscal 2022", "fiscal 2022", "2022"),
    ],
)
def test_fiscal_years(text, span, iso):
    (found,) = figures(text)
    assert found[1].endswith(span) and found[2] == {"date": iso, "fiscal": True}


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        (
            "GM lost US$6 billion in the first quarter of 2009.",
            "the first quarter of 2009",
            "2009-Q1",
        ),
        ("Sales rose in Q3 2023.", "Q3 2023", "2023-Q3"),
        ("Profits rose during the last quarter.", "the last quarter", "2024-Q1"),
        (
            "In the first quarter of last year, GM lost money.",
            "the first quarter of last year",
            "2023-Q1",
        ),
        ("The A380 flies in the spring of 2008.", "the spring of 2008", "2008-SP"),
        ("They met last summer.", "last summer", "2023-SU"),
    ],
)
def test_quarters_and_seasons(text, span, iso):
    assert dates(text) == [(span, iso)]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("spending three days in China", "three days", {"duration": "P3D"}),
        ("In an over five-hour talk", "over five-hour", {"duration": "PT5H", "qualifier": "over"}),
        ("its two-year-old war on Ukraine", "two-year-old", {"duration": "P2Y"}),
        ("He led it for a decade.", "a decade", {"duration": "P10Y"}),
        ("after 10 years of work", "10 years", {"duration": "P10Y"}),
        ("It took six months off.", "six months", {"duration": "P6M"}),
        ("within 48 hours", "48 hours", {"duration": "PT48H"}),
        ("for half an hour", "half an hour", {"duration": "PT30M"}),
        (
            "almost two and a half years behind",
            "almost two and a half years",
            {"duration": "P2.5Y", "qualifier": "about"},
        ),
        ("more than 20 years", "more than 20 years", {"duration": "P20Y", "qualifier": "over"}),
        ("less than a month", "less than a month", {"duration": "P1M", "qualifier": "under"}),
        ("at least 10 days", "at least 10 days", {"duration": "P10D", "qualifier": "at least"}),
        ("at most 3 weeks", "at most 3 weeks", {"duration": "P3W", "qualifier": "at most"}),
        ("up to 5 years", "up to 5 years", {"duration": "P5Y", "qualifier": "up to"}),
        ("a 27-year contract", "27-year", {"duration": "P27Y"}),
        ("over the next four years", "the next four years", {"duration": "P4Y"}),
        ("a year and a half later", "a year and a half", {"duration": "P1.5Y"}),
        ("in 3-5 years", "3-5 years", {"duration": "P3Y", "range": ["P3Y", "P5Y"]}),
    ],
)
def test_durations(text, span, value):
    assert durations(text) == [(span, value)]


def test_duration_range_with_words_gives_both_ends():
    assert durations("It would take between 60 and 90 days.") == [
        ("60", {"duration": "P60D"}),
        ("90 days", {"duration": "P90D"}),
    ]


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
    (found,) = figures("The talks began on Monday at 10 a.m. in Paris.")
    assert found[1] == "Monday at 10 a.m." and found[2] == {"date": "2024-04-29", "time": "10 a.m."}


def spans(text, published=PUB):
    """(start, end, text, value) of the dates, after checking offsets against the text."""
    found = [f for f in find_temporal(text, published) if f.category == "date"]
    for f in found:
        assert text[f.start : f.end] == f.text
    return [(f.start, f.end, f.text, f.value) for f in found]


def one_date(text, span, published=PUB):
    """The value of the only date in text, which must be written exactly as span."""
    ((start, end, found, value),) = spans(text, published)
    assert (start, end, found) == (text.index(span), text.index(span) + len(span), span)
    return value


def the_date(text, span, published=PUB):
    """(start, end, value) of the date written as span, checked against where span stands."""
    ((start, end, _, value),) = [s for s in spans(text, published) if s[2] == span]
    assert (start, end) == (text.index(span), text.index(span) + len(span))
    return value


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("The plane landed at 18:00 UTC.", "18:00 UTC", "2024-05-01T18:00"),
        (
            "It landed at 6:40 p.m. (GMT +8) after a 12-hour flight.",
            "6:40 p.m. (GMT +8)",
            "2024-05-01T18:40",
        ),
        ("The take-off, at 08:30 UTC, was normal.", "08:30 UTC", "2024-05-01T08:30"),
        ("The vote closes at 16:15 UTC.", "16:15 UTC", "2024-05-01T16:15"),
        ("The markets open at 9:30 a.m. ET.", "9:30 a.m. ET", "2024-05-01T09:30"),
        ("The doors opened at 6.30pm sharp.", "6.30pm", "2024-05-01T18:30"),
        ("The strike starts at 1400 GMT.", "1400 GMT", "2024-05-01T14:00"),
        ("The strike starts at 2000 GMT.", "2000 GMT", "2024-05-01T20:00"),
        ("The ceasefire began at noon.", "noon", "2024-05-01T12:00"),
        ("Polls close by midnight.", "midnight", "2024-05-01T00:00"),
        ("The rally started at 14:30 near the square.", "14:30", "2024-05-01T14:30"),
        ("It ended at 12 a.m. local time.", "12 a.m. local time", "2024-05-01T00:00"),
    ],
)
def test_time_of_day_alone_takes_the_publication_day(text, span, iso):
    # issue 12: placed on the publication day for want of a day in the text, and says so
    assert one_date(text, span) == {"date": iso, "time": span, "anchored_to": "publication"}


def test_time_of_day_takes_the_day_named_in_its_sentence():
    text = "The 787 made its first flight Tuesday in Everett at 18:00 UTC."
    value = the_date(text, "18:00 UTC", dt.date(2009, 12, 16))
    assert value == {"date": "2009-12-15T18:00", "time": "18:00 UTC"}
    text = "At a press conference at 16:15 UTC, June 1st, Henderson spoke."
    value = the_date(text, "16:15 UTC", dt.date(2009, 6, 4))
    assert value == {"date": "2009-06-01T16:15", "time": "16:15 UTC"}
    # "U.S." does not end the sentence, so the time still takes Monday
    text = "On Monday the U.S. Treasury said at 5 p.m. it would act."
    assert the_date(text, "5 p.m.") == {"date": "2024-04-29T17:00", "time": "5 p.m."}
    # issue 12: a day named in the sentence before is the event's day, not the publication day
    text = "He left on Monday. The plane landed at 18:00 UTC."
    assert the_date(text, "18:00 UTC")["date"] == "2024-04-29T18:00"
    # three sentences back is too far: the publication day, marked as such
    text = "He left on Monday. It rained. Roads closed. The plane landed at 18:00 UTC."
    assert the_date(text, "18:00 UTC")["anchored_to"] == "publication"


def test_time_of_day_without_publication_keeps_its_words():
    text = "The take-off, at 08:30 UTC, was normal."
    value = one_date(text, "08:30 UTC", None)
    assert value == {"date": None, "time": "08:30 UTC", "relative": "08:30 UTC"}


@pytest.mark.parametrize(
    "text",
    [
        "Read John 3:16 aloud.",
        "The team won 3:20 in the final.",
        "They face a midnight deadline.",
        "He ran 1:23:45 at a 3:45:10 pace.",
        "The share price rose to 12:30 levels.",
        "Flight 2000 GMT is late.",
    ],
)
def test_numbers_that_are_not_times_of_day(text):
    assert [s for s in spans(text) if "time" in s[3]] == []


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("The new model will go on sale at Christmas.", "Christmas", "2024-12-25"),
        ("Sales rose at Christmas, the company said.", "Christmas", "2023-12-25"),
        ("They met on Christmas Day.", "Christmas Day", "2023-12-25"),
        ("The ship sank on Christmas Eve.", "Christmas Eve", "2023-12-24"),
        ("The law took effect on New Year's Day.", "New Year's Day", "2024-01-01"),
        ("Fireworks lit the sky on New Year\u2019s Eve.", "New Year\u2019s Eve", "2023-12-31"),
        ("The shop reopened after Boxing Day.", "Boxing Day", "2023-12-26"),
        ("He proposed on Valentine's Day.", "Valentine's Day", "2024-02-14"),
        ("The parade is held on St. Patrick's Day.", "St. Patrick's Day", "2024-03-17"),
        ("It was last seen on Halloween.", "Halloween", "2023-10-31"),
        ("He left last Christmas.", "last Christmas", "2023-12-25"),
        ("The plant reopens next Christmas.", "next Christmas", "2024-12-25"),
        ("The deal closed on Christmas Eve 2019.", "Christmas Eve 2019", "2019-12-24"),
    ],
)
def test_fixed_date_holidays(text, span, iso):
    assert one_date(text, span) == {"date": iso}


def test_holidays_around_the_turn_of_the_year_and_without_publication():
    dec = dt.date(2023, 12, 20)
    assert one_date("Stores will close on Christmas Day.", "Christmas Day", dec) == {
        "date": "2023-12-25"
    }
    assert one_date("The law takes effect on New Year's Day.", "New Year's Day", dec) == {
        "date": "2024-01-01"
    }
    assert one_date("They met on Christmas Day.", "Christmas Day", None) == {
        "date": None,
        "relative": "Christmas Day",
    }


@pytest.mark.parametrize(
    "text",
    [
        "As a result of successful Christmas sales, profit doubled.",
        "It grew during the Christmas and New Year sales period.",
        "They bought a Christmas tree.",
        "He flew on Christmas Island Airways.",
        "Crowds gathered for Lunar New Year's Day parades.",
        "She wore a Halloween costume.",
    ],
)
def test_holiday_names_used_as_modifiers_or_names_are_not_dates(text):
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("Talks continued over the weekend.", dt.date(2024, 5, 1), "2024-W17-WE"),  # Wednesday
        ("The shop was busy at the weekend.", dt.date(2024, 5, 4), "2024-W18-WE"),  # Saturday
        ("Talks will continue over the weekend.", dt.date(2024, 5, 1), "2024-W18-WE"),
    ],
)
def test_the_weekend_after_a_preposition(text, published, iso):
    assert one_date(text, "the weekend", published) == {"date": iso}


def test_the_weekend_of_a_date_is_left_to_the_date():
    assert [s[2] for s in spans("They met over the weekend of May 4.")] == ["May 4"]
    assert spans("The weekend edition sold out.") == []


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("They met on April 24, 2024. He left the next day.", "the next day", "2024-04-25"),
        (
            "They met on April 24, 2024. The following day, he left.",
            "The following day",
            "2024-04-25",
        ),
        (
            "He resigned on April 24, 2024, having written the letter the previous day.",
            "the previous day",
            "2024-04-23",
        ),
        (
            "He resigned on April 24, 2024. He had decided the day before.",
            "the day before",
            "2024-04-23",
        ),
        (
            "The vote was on April 24, 2024; results came the day after.",
            "the day after",
            "2024-04-25",
        ),
        (
            "The summit ran April 24-26, 2024. Leaders left the next day.",
            "the next day",
            "2024-04-27",
        ),
    ],
)
def test_the_next_and_previous_day_read_against_the_day_before_them(text, span, iso):
    assert the_date(text, span) == {"date": iso}


def test_the_next_day_chains_from_the_one_before():
    text = "It began on May 3, 2024. The next day, talks stalled. The next day, they ended."
    assert [s[3]["date"] for s in spans(text)] == ["2024-05-03", "2024-05-04", "2024-05-05"]


@pytest.mark.parametrize(
    "text",
    [
        "He left the next day.",  # no day written before it: which day is unknown
        "They met in 2019. He left the next day.",  # a year does not say which day
        "He was arrested the day after the vote.",
        "The day before yesterday he was not there.",
    ],
)
def test_the_next_day_without_a_day_to_read_it_against(text):
    assert [s for s in spans(text) if "yesterday" not in s[2] and "day" in s[2]] == []


def test_within_the_next_day_stays_a_duration():
    assert figures("A decision is expected within the next day.") == [
        ("duration", "the next day", {"duration": "P1D"})
    ]


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("It cut costs last year, more than the year previous.", "the year previous", "2022"),
        ("Sales in 2008 fell 5% from the year before.", "the year before", "2007"),
        ("Sales in 2008 fell from the previous year.", "the previous year", "2007"),
        ("He joined in 2005 and left the following year.", "the following year", "2006"),
        ("He joined in 2005. The following year, he left.", "The following year", "2006"),
        ("Sales in March rose from the previous month.", "the previous month", "2024-02"),
        ("Sales fell from the previous year.", "the previous year", "2023"),
        ("Profit doubled from the year before.", "the year before", "2023"),
        ("Profit was higher the year before last.", "the year before last", "2022"),
    ],
)
def test_the_year_before_and_after_read_against_the_date_before_them(text, span, iso):
    assert the_date(text, span) == {"date": iso}


def test_the_year_before_an_event_is_not_a_date():
    assert spans("He moved the year before the election.") == []


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        (
            "GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the "
            "entire year.",
            "the entire year",
            "2005",
        ),
        ("Ford expects a profit for the full year.", "the full year", "2024"),
        ("In 2008 sales slumped toward the end of the year.", "the end of the year", "2008"),
        ("Sales should double by the end of the year.", "the end of the year", "2024"),
    ],
)
def test_the_whole_year_takes_the_year_named_before_it(text, span, iso):
    assert the_date(text, span) == {"date": iso}


@pytest.mark.parametrize(
    ("text", "published", "span", "iso"),
    [
        (
            "Sales rose 43% in February compared to the same period last year.",
            dt.date(2010, 3, 3),
            "the same period last year",
            "2009-02",
        ),
        (
            "Profit rose in the first quarter of 2010 from the same quarter a year earlier.",
            dt.date(2010, 5, 3),
            "the same quarter a year earlier",
            "2009-Q1",
        ),
        (
            "Profit rose from the same period last year.",
            dt.date(2010, 5, 3),
            "the same period last year",
            "2009",
        ),
    ],
)
def test_the_same_period_last_year_takes_the_period_named_before_it(text, published, span, iso):
    assert the_date(text, span, published) == {"date": iso}


def test_the_whole_year_followed_by_its_number_is_that_year():
    assert spans("Profit fell for the full year 2023.") == [(30, 34, "2023", {"date": "2023"})]


def test_vague_time_words_are_never_dates():
    text = (
        "Now the firm, currently in talks, said recently that it will act soon; "
        "later it would learn from the past and plan for the future."
    )
    assert figures(text) == []


def test_offsets_count_code_points_after_emoji():
    text = "\U0001f600\U0001f30d Talks ended on April 26, 2024 \U0001f44d after three days."
    found = find_temporal(text, PUB)
    assert [(f.text, text[f.start : f.end]) for f in found] == [
        ("April 26, 2024", "April 26, 2024"),
        ("three days", "three days"),
    ]
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


@pytest.mark.parametrize(
    "text",
    [
        "a" * 1_000_000,
        "1" * 100_000,
        "1,000" * 20_000,
        "JanuaryFebruary" * 50_000,
        "one million " * 20_000 + "years",
        "years " * 50_000,
        ": " * 100_000,
        "1:" * 100_000,
        "the next day " * 20_000,
        "Christmas " * 20_000,
        "U.S. " * 50_000,
    ],
)
def test_pathological_inputs_find_nothing(text):
    assert len(find_temporal(text, PUB)) <= 1


def test_many_times_and_anchored_dates_are_all_found():
    found = find_temporal("12:00 UTC " * 20_000, PUB)
    assert len(found) == 20_000 and {f.value["date"] for f in found} == {"2024-05-01T12:00"}
    found = find_temporal("In 2005 he joined. The following year " * 5_000, PUB)
    assert len(found) == 10_000 and found[-1].value == {"date": "2006"}
    assert len(find_temporal("on Christmas " * 20_000, PUB)) == 20_000


def test_long_run_of_month_names_still_finds_the_real_date():
    text = "January " * 50_000 + "on May 1, 2024."
    found = find_temporal(text, PUB)
    assert ("May 1, 2024", {"date": "2024-05-01"}) in [(f.text, f.value) for f in found]


def test_many_dates_are_all_found():
    text = "May 1, 2024; " * 5_000
    found = find_temporal(text, PUB)
    assert len(found) == 5_000 and {f.value["date"] for f in found} == {"2024-05-01"}
