"""Figures of the five seed briefs, worked out by hand, and the forms and non-figures news text holds."""

from __future__ import annotations

import json
import sys

import pytest

from store.extract.figures import Figure, extract_figures
from store.extract.sentences import split_sentences

from checkout import REPO, SEEDS


def seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def texts(figures: list[Figure], kind: str | None = None) -> list[str]:
    return [f.text for f in figures if kind is None or f.kind == kind]


def the(figures: list[Figure], text: str, nth: int = 0) -> Figure:
    return [f for f in figures if f.text == text][nth]


def check(figure: Figure, kind: str, value, low=None, high=None, qualifier=None, approximate=False, unit=None) -> None:
    assert (figure.kind, figure.value, figure.low, figure.high, figure.qualifier, figure.approximate, figure.unit) == (
        kind, value, low, high, qualifier, approximate, unit
    ), figure


# --- seed 000 ------------------------------------------------------------------------------------------


def test_seed_000_counts() -> None:
    figures = extract_figures(seed("000"))
    assert texts(figures, "count") == [
        "several hundred", "at least 30", "three more", "several dozen", "approximately 12 000", "500", "three",
        "50 000",
    ]
    check(the(figures, "several hundred"), "count", None, 300, 900, approximate=True)
    assert the(figures, "several hundred").subject == "soldiers killed and wounded"
    check(the(figures, "at least 30"), "count", 30, 30, None, "at least")
    assert the(figures, "at least 30").subject == "soldiers killed and wounded"
    assert "Main Intelligence Directorate" in the(figures, "at least 30").source
    check(the(figures, "three more"), "count", 3, qualifier="more")
    assert the(figures, "three more").subject == "soldiers went missing"
    check(the(figures, "approximately 12 000"), "count", 12000, qualifier="approximately", approximate=True)
    assert the(figures, "approximately 12 000").subject == "soldiers"
    check(the(figures, "500"), "count", 500)
    assert the(figures, "500").subject == "officers"
    check(the(figures, "three"), "count", 3)
    assert the(figures, "three").subject == "generals"
    check(the(figures, "50 000"), "count", 50000)
    assert "New York Times" in the(figures, "50 000").source


def test_seed_000_dates_without_a_publication_date() -> None:
    figures = extract_figures(seed("000"))
    absolute = [f for f in figures if f.kind == "date" and not f.relative]
    assert [(f.text, f.value, f.low, f.high) for f in absolute] == [
        ("December 16", "--12-16", None, None),
        ("December 14-15", "--12-14", "--12-14", "--12-15"),
        ("October 24", "--10-24", None, None),
        ("December 14", "--12-14", None, None),
    ]
    relative = [f for f in figures if f.relative]
    assert [(f.text, f.value) for f in relative] == [("last week", None), ("last week", None)]
    assert the(figures, "October 24").source == "Ukrainian intelligence"


def test_seed_000_with_a_publication_date() -> None:
    figures = extract_figures(seed("000"), "2024-12-18")
    check(the(figures, "December 14-15"), "date", "2024-12-14", "2024-12-14", "2024-12-15")
    check(the(figures, "October 24"), "date", "2024-10-24")
    last_week = the(figures, "last week")
    assert (last_week.value, last_week.low, last_week.high, last_week.relative) == (
        "2024-12-09", "2024-12-09", "2024-12-15", True
    )


# --- seed 001 ------------------------------------------------------------------------------------------


def test_seed_001() -> None:
    text = seed("001")
    figures = extract_figures(text, "2024-12-19")
    check(the(figures, "2024-12-19"), "date", "2024-12-19")
    assert the(figures, "2024-12-19").start == text.index("2024-12-19")
    check(the(figures, "At least 100"), "count", 100, 100, None, "at least")
    assert the(figures, "At least 100").subject == "North Korean soldiers killed"
    check(the(figures, "another thousand"), "count", 1000, qualifier="another")
    assert the(figures, "another thousand").subject == "North Korean soldiers wounded"
    the_day_before = the(figures, "The day before")
    assert (the_day_before.kind, the_day_before.value, the_day_before.relative) == ("date", "2024-12-18", True)
    several = the(figures, "several hundred")
    check(several, "count", None, 300, 900, approximate=True)
    assert several.source == "Associated Press"
    check(the(figures, "October 24"), "date", "2024-10-24")
    check(the(figures, "December 14"), "date", "2024-12-14")
    check(the(figures, "December 14-15"), "date", "2024-12-14", "2024-12-14", "2024-12-15")
    check(the(figures, "approximately 12 000"), "count", 12000, qualifier="approximately", approximate=True)
    assert texts(figures, "count") == [
        "At least 100", "another thousand", "several hundred", "approximately 12 000", "500", "three", "50 000",
        "at least 30", "three more",
    ]


# --- seed 002 ------------------------------------------------------------------------------------------


def test_seed_002() -> None:
    figures = extract_figures(seed("002"), "2024-12-23")
    exceeds = the(figures, "exceeds three thousand")
    check(exceeds, "count", 3000, 3000, None, "exceeds")
    assert exceeds.subject == "North Korean soldiers killed and wounded"
    check(the(figures, "approximately 12,000"), "count", 12000, qualifier="approximately", approximate=True)
    check(the(figures, "50,000"), "count", 50000)
    check(the(figures, "at least 100"), "count", 100, 100, None, "at least")
    check(the(figures, "another thousand"), "count", 1000, qualifier="another")
    check(the(figures, "December 23"), "date", "2024-12-23")
    today = the(figures, "Today")
    assert (today.value, today.relative) == ("2024-12-23", True)
    assert the(figures, "December 23").source == "South Korean newspaper Yonhap"
    assert texts(figures, "count") == [
        "exceeds three thousand", "approximately 12,000", "500", "three", "50,000", "at least 30", "three more",
        "at least 100", "another thousand",
    ]


# --- seed 003 ------------------------------------------------------------------------------------------


def test_seed_003() -> None:
    figures = extract_figures(seed("003"))
    check(the(figures, "10,000"), "count", 10000)
    assert the(figures, "10,000").subject == "soldiers"
    casualties = the(figures, "several hundred")
    check(casualties, "count", None, 300, 900, approximate=True)
    assert casualties.subject == "casualties"
    assert casualties.source == "senior US military official in Washington"
    check(the(figures, "around 10,000"), "count", 10000, qualifier="around", approximate=True)
    assert the(figures, "around 10,000").source == "US government estimates"
    check(the(figures, "at least 30"), "count", 30, 30, None, "at least")
    assert the(figures, "at least 30").subject == "North Korean soldiers killed or injured"
    assert the(figures, "at least 30").source == "Ukrainian military intelligence"
    area = the(figures, "several hundred square kilometers")
    check(area, "quantity", None, 300, 900, approximate=True, unit="km2")
    check(the(figures, "February 2022"), "date", "2022-02")
    check(the(figures, "mid-October"), "date", "--10", qualifier="mid", approximate=True)
    check(the(figures, "June"), "date", "--06")
    check(the(figures, "August"), "date", "--08")
    assert [f.text for f in figures if f.relative] == ["this month", "the weekend", "Monday", "Tuesday", "earlier this week"]


def test_seed_003_relative_dates_resolve_against_the_publication_date() -> None:
    figures = extract_figures(seed("003"), "2024-12-19")  # a Thursday
    assert the(figures, "Monday").value == "2024-12-16"
    assert the(figures, "Tuesday").value == "2024-12-17"
    assert the(figures, "this month").value == "2024-12"
    weekend = the(figures, "the weekend")
    assert (weekend.low, weekend.high) == ("2024-12-14", "2024-12-15")
    assert the(figures, "June").value == "2024-06"


# --- seed 004 ------------------------------------------------------------------------------------------


def test_seed_004() -> None:
    figures = extract_figures(seed("004"), "2024-12-19")
    hundreds = the(figures, "Hundreds")
    check(hundreds, "count", None, 200, 999, approximate=True)
    assert hundreds.subject == "North Korean troops killed or injured"
    couple = the(figures, "a couple hundred")
    check(couple, "count", 200, 200, 300, approximate=True)
    assert couple.subject == "troops"
    assert couple.source == "US defense officials"
    assert the(figures, "a couple hundred", 1).subject == "killed or injured"
    check(the(figures, "17 December"), "date", "2024-12-17")
    check(the(figures, "October 2024"), "date", "2024-10")
    troops = the(figures, "10,000 to 12,000")
    check(troops, "count", None, 10000, 12000)
    assert troops.subject == "troops"
    check(the(figures, "16 December"), "date", "2024-12-16")
    check(the(figures, "$5.6 billion"), "money", 5_600_000_000, unit="USD")
    assert the(figures, "$5.6 billion").subject == "weapons and equipment"
    check(the(figures, "20 January 2025"), "date", "2025-01-20")
    check(the(figures, "approximately $1.2 billion"), "money", 1_200_000_000, qualifier="approximately",
          approximate=True, unit="USD")
    assert the(figures, "approximately $1.2 billion").source == "Pentagon officials"
    rate = the(figures, "as many as 1,200 troops a day")
    check(rate, "rate", 1200, None, 1200, "as many as", unit="/day")
    assert rate.subject == "troops"
    check(the(figures, "about 20%"), "percent", 20, qualifier="about", approximate=True, unit="%")
    assert the(figures, "about 20%").subject == "previously lost territory"
    assert "2024" in the(figures, "the end of 2024").text and the(figures, "the end of 2024").value == "2024"


def test_first_and_one_are_not_figures_in_the_seeds() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found = texts(extract_figures(text))
        assert not any("first" in t.lower() for t in found), path
        assert "one" not in found


def test_figure_fields_are_json_ready_and_sentences_index_the_splitter() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = split_sentences(text)
        for figure in extract_figures(text, "2024-12-19"):
            record = json.loads(json.dumps(figure.to_record()))
            assert record == figure.to_record()
            assert list(record)[:13] == ["start", "end", "text", "kind", "value", "low", "high", "approximate",
                                         "qualifier", "unit", "subject", "source", "sentence"]
            start, end = spans[figure.sentence]
            assert start <= figure.start and figure.end <= end
            assert text[figure.start : figure.end] == figure.text
            assert not isinstance(figure.value, bool)


# --- forms beyond the seeds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "kind", "value", "low", "high", "qualifier", "unit"),
    [
        ("The fund holds €20m in cash.", "€20m", "money", 20_000_000, None, None, None, "EUR"),
        ("They pledged $5.6bn on Monday.", "$5.6bn", "money", 5_600_000_000, None, None, None, "USD"),
        ("Debt reached 1.2 trillion dollars.", "1.2 trillion dollars", "money", 1_200_000_000_000, None, None, None, "USD"),
        ("Prices rose by 5% in May.", "rose by 5%", "percent", 5, None, None, "rose by", "%"),
        ("Support fell 3 percentage points.", "fell 3 percentage points", "percent", 3, None, None, "fell", "pp"),
        ("Between 5 and 7 million people fled.", "Between 5 and 7 million", "count", None, 5_000_000, 7_000_000, None, None),
        ("Tens of thousands marched.", "Tens of thousands", "count", None, 20_000, 99_999, None, None),
        ("A few thousand remained.", "A few thousand", "count", None, 2000, 5000, None, None),
        ("Dozens were hurt.", "Dozens", "count", None, 24, 119, None, None),
        ("Two dozen drones were downed.", "Two dozen", "count", 24, None, None, None, None),
        ("A hundred and twenty died.", "A hundred and twenty", "count", 120, None, None, None, None),
        ("Nearly half a million fled.", "Nearly half a million", "count", 500_000, None, 500_000, "nearly", None),
        ("Two-thirds of the army is there.", "Two-thirds", "quantity", 2 / 3, None, None, None, "fraction"),
        ("It was no fewer than 40 tanks.", "no fewer than 40", "count", 40, 40, None, "no fewer than", None),
        ("Up to 300 km of front.", "Up to 300 km", "quantity", 300, None, 300, "up to", "km"),
        ("Temperatures fell to -5 degrees Celsius.", "-5 degrees Celsius", "quantity", -5, None, None, None, "°C"),
        ("The truce lasted two weeks.", "two weeks", "duration", 2, None, None, None, "week"),
        ("Some 500 or more were seen.", "Some 500 or more", "count", 500, None, None, "some", None),
        ("An estimated 1.5 million tonnes of grain rotted.", "An estimated 1.5 million tonnes", "quantity", 1_500_000, None, None, "an estimated", "t"),
    ],
)
def test_forms(sentence, text, kind, value, low, high, qualifier, unit) -> None:
    figure = the(extract_figures(sentence), text)
    assert (figure.kind, figure.value, figure.low, figure.high, figure.qualifier, figure.unit) == (
        kind, value, low, high, qualifier, unit
    )


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("It happened on 20 January 2025.", "2025-01-20"),
        ("It happened on January 20, 2025.", "2025-01-20"),
        ("It happened on 12/19/2024.", "2024-12-19"),
        ("It happened on 19.12.2024.", "2024-12-19"),
        ("It happened in 2022.", "2022"),
        ("It happened in October 2024.", "2024-10"),
        ("It happened on Dec. 5.", "2024-12-05"),
        ("It happened two days ago.", "2024-12-17"),
        ("It happened yesterday.", "2024-12-18"),
        ("It happened last month.", "2024-11"),
    ],
)
def test_dates(sentence: str, value: str) -> None:
    dates = [f for f in extract_figures(sentence, "2024-12-19") if f.kind == "date"]
    assert [f.value for f in dates] == [value]


@pytest.mark.parametrize(
    "sentence",
    [
        "The F-16 and the Su-34 flew for the first time.",
        "It was the 22nd attack and the third wave.",
        "See https://example.org/2024/12/19/500-killed for more.",
        "Write to press2024@example.org or call +1 555 123 4567.",
        "Under Article 5 and Section 230, No. 12 applies.",
        "The Boeing 737 landed at 10:30 a.m. with a Leopard 2 aboard.",
        "Update to version 2.3.1 now; COVID-19 and the G7 met 24/7.",
        "One of them said no one knew.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert extract_figures(sentence) == []


def test_sentence_index_and_source_per_sentence() -> None:
    text = "Officials said 30 died. Later, 40 more were hurt, according to the Red Cross.\n\nAnother 5 fled."
    figures = extract_figures(text)
    assert [(f.text, f.sentence, f.source) for f in figures] == [
        ("30", 0, "Officials"),
        ("40 more", 1, "Red Cross"),
        ("Another 5", 2, None),
    ]


def test_bad_publication_dates_are_ignored() -> None:
    figures = extract_figures("It happened on October 24.", "not a date")
    assert [f.value for f in figures] == ["--10-24"]
    assert extract_figures("It happened on October 24.", "2023")[0].value == "2023-10-24"


# --- the quality gate: the scorer of bench/score_figures.py on the hand-annotated sentences ----------------


def test_quality_gate_on_the_annotated_sentences_and_the_seeds() -> None:
    import importlib.util

    path = REPO / "bench" / "score_figures.py"
    spec = importlib.util.spec_from_file_location("score_figures", path)
    scorer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = scorer  # dataclasses look their module up there
    spec.loader.exec_module(scorer)
    records = scorer.load()
    assert len(records) >= 300
    sentences = scorer.score_sentences(records).report("sentences")
    assert sentences["span_f1"] >= 0.93
    assert sentences["value_f1"] >= 0.93
    held_out = scorer.score_sentences([r for r in records if r.get("written") == "after-tuning"]).report("held out")
    assert held_out["value_f1"] >= 0.93
    seeds = scorer.score_sentences(scorer.seed_records()).report("seeds")
    assert seeds["span_f1"] >= 0.97
    assert seeds["value_accuracy"] >= 0.95


def test_a_sentence_that_begins_this_was_stated_by_names_the_source_of_the_one_before() -> None:
    text = (
        "At least 100 soldiers were killed and another thousand were wounded.\n\n"
        "This was stated by Lee Seong Kwon, a member of the committee.\n\n"
        "The number exceeds three thousand.\n\n"
        "This was announced by President Volodymyr Zelenskyy after a meeting of the State Council.\n\n"
        "Officials counted 12 drones. The next day was quiet."
    )
    sources = {f.text: f.source for f in extract_figures(text)}
    assert sources["At least 100"] == sources["another thousand"] == "Lee Seong Kwon"
    assert sources["exceeds three thousand"] == "President Volodymyr Zelenskyy"  # "after a meeting" is not who
    assert sources["12"] is None  # a following sentence that names nobody gives nothing


# --- issue 12: numbers a reader trusts, movements, and what is not a figure -------------------------------


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Russia lost 1,500, Ukraine said.", [1500]),
        ("Casualties exceeded 3,000, officials said.", [3000]),
        ("The index closed at 27,349.19.", [27349.19]),
        ("The startup raised $13.6M.", [13_600_000]),
        ("India shipped 1.2m tons of rice.", [1_200_000]),
        ("The phone has 256GB and a 6.1-inch screen.", [256, 6.1]),
        ("Police said two or three gunmen fled.", [2, 3]),
        ("One and a half tonnes were seized.", [1.5]),
        ("The Senate voted 51 to 49.", [51, 49]),
        ("Losses widened to -$3.2 million and net income was -€40m.", [-3_200_000, -40_000_000]),
        ("The ringgit was at RM4.72.", [4.72]),
        ("More than a quarter of a million people fled; three-quarters of a million homes lost power.", [250_000, 750_000]),
        ("It won a billion-dollar contract, a $5.5-billion loan and a 100-million-euro fund.", [10**9, 5_500_000_000, 10**8]),
        ("In total, 12 thousand 500 troops and 4 thousand 3 hundred and 21 tanks were sent.", [12_500, 4321]),
        ("Russia lost 1,5 thousand soldiers, and 2,25 million fled.", [1500, 2_250_000]),
        ("They will earn $2000 over 3 years and sell 500 over 12 months.", [2000, 3, 500, 12]),  # not 666.67 and 41.67
        ("3 hundred and 2 hundred are two numbers.", [2]),  # not 30,200
    ],
)
def test_values_news_writes(sentence: str, values: list) -> None:
    assert [f.value for f in extract_figures(sentence) if f.kind != "date"] == pytest.approx(values)


def test_a_change_and_a_level_are_two_figures() -> None:
    rose, level = extract_figures("Shares rose 6.5% to 164p.")
    assert (rose.text, rose.value, rose.unit, rose.change) == ("rose 6.5%", 6.5, "%", "up")
    assert (level.text, level.value, level.unit, level.change) == ("164p", 164, "GBX", None)


def test_a_movement_from_x_to_y_is_one_figure_with_its_start_and_end() -> None:
    [moved] = extract_figures("Unemployment fell from 4.8 percent to 4.7 percent.")
    assert (moved.from_value, moved.value, moved.change, moved.low, moved.high) == (4.8, 4.7, "down", None, None)
    [_, moved] = extract_figures("The drug cut the risk by a third, from 12% to 8%.")
    assert (moved.from_value, moved.value, moved.change) == (12, 8, "down")
    [span] = extract_figures("Prices range from $10 to $20.")
    assert (span.low, span.high, span.from_value, span.change) == (10, 20, None, None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The S&P 500 and the FTSE 100 opened higher; the iPhone 11 and Galaxy S23 sold out.",
        "The Yankees took a 9-2 lead in Game 6 after Chelsea won 2-0.",
        "The meeting starts at 10.45pm and ends at 12:01 a.m.",
        "UPDATE 2-Stocks fall",
        "She is one of the best speakers.",
        "The 5G rollout reached phones with 4K screens.",
    ],
)
def test_not_figures_in_news(sentence: str) -> None:
    assert [f.text for f in extract_figures(sentence) if f.kind != "date"] == []


@pytest.mark.parametrize(
    ("sentence", "text", "unit"),
    [
        ("Brent crude rose to $83.10 a barrel.", "$83.10 a barrel", "USD/bbl"),
        ("Gold hit a record $2,450 an ounce.", "$2,450 an ounce", "USD/oz"),
        ("Earnings were $1.25 a share.", "$1.25 a share", "USD/share"),
        ("The shilling traded at 129 to the dollar.", "129 to the dollar", "/USD"),
        ("The ringgit fell to RM4.72 against the dollar.", "RM4.72 against the dollar", "MYR/USD"),
        ("Subscribers pay $5 a month.", "$5 a month", "USD/month"),
    ],
)
def test_prices_per_unit_and_exchange_rates_are_rates(sentence: str, text: str, unit: str) -> None:
    [rate] = [f for f in extract_figures(sentence) if f.kind == "rate"]
    assert (rate.text, rate.unit) == (text, unit)


def test_a_year_ago_is_a_date_not_a_period() -> None:
    figures = extract_figures("Profit was $1.1m a year ago; unemployment was 3.8 per cent a month earlier.")
    assert [(f.text, f.kind) for f in figures if f.kind != "date"] == [("$1.1m", "money"), ("3.8 per cent", "percent")]
    earlier = extract_figures("The toll stood at 1,234, up from 1,100 a day earlier.")
    assert [(f.text, f.subject) for f in earlier] == [("1,234", None), ("1,100", None)]  # not "day earlier"


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("The team of 11 scientists spent three weeks there.", "scientists"),
        ("A poll of 1,500 adults found support falling.", "adults"),
        ("The fund manages €3.4 trillion in assets and returned 11% last year.", "assets"),
        ("Officials said 3,000 troops deployed overnight.", "troops"),
        ("It cost RM4.72 in Kuala Lumpur.", None),
        ("The EU pledged $5m in aid.", "aid"),
        ("The air force shot down 73 drones overnight.", "drones"),
    ],
)
def test_the_subject_ends_where_the_verb_begins(sentence: str, subject: str | None) -> None:
    assert next(f.subject for f in extract_figures(sentence) if f.kind != "date") == subject


def test_times_before_a_comparison_is_a_multiplier_and_after_a_verb_a_count() -> None:
    figures = extract_figures("Prices are 2.5 times higher than in 1980; he visited three times.")
    assert [(f.text, f.unit) for f in figures if f.kind != "date"] == [("2.5 times", "×"), ("three", None)]


def test_every_sign_is_a_trigger_even_right_after_another() -> None:
    alone = [f.text for f in extract_figures("$$Dozens")]
    assert alone == [f.text for f in extract_figures("Before.\n\n$$Dozens")] == ["$Dozens"]


def test_a_list_line_label_is_what_its_figure_counts() -> None:
    text = "Killed: 1,200\n- Wounded (estimate): about 3,400\nTotal casualties | 4,657\nHe said 500 people fled."
    assert [f.subject for f in extract_figures(text)] == ["Killed", "Wounded", "Total casualties", "people"]


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The phone has 256GB of storage.", "GB"),
        ("It sends a 500 MB file.", "MB"),
        ("The chip runs at 3.2 GHz.", "GHz"),
        ("The line carries 400 kV.", "kV"),
        ("Speeds reach 1 Gbps.", "Gbit/s"),
        ("Copies run at 125MB/s.", "MB/s"),
        ("CO2 hit 421 parts per million.", "ppm"),
        ("Methane reached 1,900 ppb.", "ppb"),
        ("Pressure fell to 950 hPa.", "hPa"),
        ("The tyres need 32 psi.", "psi"),
        ("It films at 120 fps.", "fps"),
    ],
)
def test_a_unit_keeps_its_prefix_so_figures_compare(sentence: str, unit: str) -> None:
    [figure] = [f for f in extract_figures(sentence) if f.kind == "quantity"]
    assert figure.unit == unit


def test_2100_is_a_year_when_nothing_is_counted() -> None:
    figures = extract_figures("Seas could rise by 1.1 metres by 2100, when 2100 troops would not help.")
    assert [(f.text, f.kind) for f in figures] == [("1.1 metres", "quantity"), ("2100", "date"), ("2100", "count")]


def test_a_fraction_after_by_is_a_figure() -> None:
    [fell] = [f for f in extract_figures("Imports fell by a quarter in 2023.") if f.kind != "date"]
    assert (fell.text, fell.value, fell.unit) == ("fell by a quarter", 0.25, "fraction")


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u2009", "\u202f"])
def test_a_mixed_fraction_reads_across_any_space_scraped_text_puts_in_it(space: str) -> None:
    [figure] = extract_figures(f"The convoy was stopped about 5{space}1/2 miles from the border.")
    assert (figure.text, figure.value, figure.unit) == (f"about 5{space}1/2 miles", 5.5, "mi")
