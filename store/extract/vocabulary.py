"""The words of figures: month and weekday names, qualifiers, currencies, units of measure and durations.

Plain data, no patterns: `patterns` compiles these into the one figure pattern, and the readers
(`dates`, `amounts`) turn a matched word back into its meaning through the same tables.
"""

from __future__ import annotations

from store.extract.numbers import SP

S = SP  # one inline space character; figures never cross a line break

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

LOWER_BOUNDS = {
    "at least", "more than", "no fewer than", "no less than", "not less than", "upwards of", "in excess of",
    "over", "above", "exceeds", "exceeded", "exceeding", "exceed", "surpassed", "topped", "just over",
    "well over", "slightly more than", "well above", "a minimum of", "or more", "plus", "+", "as few as",
    "as little as", "greater than", "higher than",
}
UPPER_BOUNDS = {
    "at most", "less than", "fewer than", "no more than", "not more than", "as many as", "as much as",
    "as high as", "up to", "under", "below", "just under", "well under", "slightly less than",
    "slightly fewer than", "a maximum of", "lower than", "well below", "just below",
}
APPROXIMATE_UPPER = {"nearly", "almost", "close to", "just shy of"}
APPROXIMATE = {
    "about", "around", "approximately", "approx.", "approx", "roughly", "some", "an estimated", "estimated",
    "circa", "or so", "odd", "more or less", "an approximate", "something like", "upward of",
}
CHANGE_WORDS = {
    "rose by", "rose", "fell by", "fell", "increased by", "decreased by", "dropped by", "dropped", "grew by", "grew",
    "declined by", "declined", "jumped by", "jumped", "climbed", "climbed by", "surged", "surged by", "plunged",
    "plunged by", "slipped", "gained", "lost", "up by", "down by", "up", "down",
}
QUALIFIERS = sorted(
    LOWER_BOUNDS - {"or more", "plus", "+"}
    | UPPER_BOUNDS | APPROXIMATE_UPPER | (APPROXIMATE - {"or so", "odd"})
    | {"another", "an additional", "an extra", "a further", "a total of", "between", "from"}
    | CHANGE_WORDS,
    key=len,
    reverse=True,
)
# qualifiers that only qualify a change of money or a percentage ("up 5%"); elsewhere they are verbs
CHANGE_ONLY = {"up", "down", "slipped"}  # also "points"
PERCENT_CHANGE_ONLY = {"lost", "gained"}  # "lost 20%" is a change; "lost $5 billion" is an amount

CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₩": "KRW", "₹": "INR",
}
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CNY", "KRW", "INR", "CHF", "AUD", "CAD")
CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "ruble": "RUB", "rouble": "RUB", "hryvnia": "UAH",
    "hryvnias": "UAH", "yen": "JPY", "yuan": "CNY", "won": "KRW", "rupee": "INR", "franc": "CHF",
}

MEASURES = [  # (pattern, unit)
    (rf"square{S}+kilomet(?:er|re)s?|sq\.?{S}*km\b|km²|km2\b", "km2"),
    (rf"square{S}+miles?|sq\.?{S}*mi\b", "mi2"),
    (rf"square{S}+met(?:er|re)s?|m²", "m2"),
    (rf"cubic{S}+met(?:er|re)s?|m³", "m3"),
    (rf"cubic{S}+kilomet(?:er|re)s?|km³", "km3"),
    (rf"kilomet(?:er|re)s?{S}+(?:per|an){S}+hour|km/h|kph", "km/h"),
    (rf"miles{S}+(?:per|an){S}+hour|mph", "mph"),
    (r"kilomet(?:er|re)s?|km\b", "km"),
    (r"miles?\b", "mi"),
    (r"millimet(?:er|re)s?|mm\b", "mm"),
    (r"centimet(?:er|re)s?|cm\b", "cm"),
    (r"met(?:er|re)s?\b", "m"),
    (r"kilograms?|kilos?\b|kg\b", "kg"),
    (rf"(?:metric{S}+)?tonnes?|(?:metric{S}+)?tons?\b", "t"),
    (rf"pounds?(?={S}+of\b)|lbs?\b", "lb"),
    (r"lit(?:er|re)s?\b", "l"),
    (r"barrels?\b", "bbl"),
    (r"hectares?|ha\b", "ha"),
    (r"acres?\b", "acre"),
    (r"feet\b|foot\b|ft\b", "ft"),
    (r"megawatts?|MW\b", "MW"),
    (r"gigawatts?|GW\b", "GW"),
    (r"kWh\b|kilowatt[- ]hours?", "kWh"),
    (rf"degrees{S}+Celsius|°C", "°C"),
    (rf"degrees{S}+Fahrenheit|°F", "°F"),
    (r"knots\b", "kn"),
    (r"calib(?:er|re)\b", "caliber"),
    (r"points?\b", "points"),
]
DURATIONS = {"second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week", "month": "month",
             "year": "year", "decade": "decade", "century": "century", "centuries": "century"}

# Words before a number that make it an identifier, not a figure: "Article 5", "Route 66"
IDENTIFIER_WORDS = (
    "section", "article", "articles", "row", "chapter", "page", "pages", "route", "flight", "resolution", "paragraph",
    "clause", "item", "room", "highway", "platform", "gate", "seat", "bill", "grade", "level", "phase", "stage",
    "category", "tier", "zone", "lot", "exit", "terminal", "bus", "version", "model", "apartment", "suite", "building",
    "block", "episode", "season", "volume", "vol.", "channel", "rule", "precinct", "district", "amendment", "code",
    "number", "unit", "line", "lines", "table", "figure", "step", "list",
)
# Words that may open a date before a month or a year: "in October", "since 2022", "mid-December"
DATE_PREFIXES = ("in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of")
