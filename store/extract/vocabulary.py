"""The words of figures: month and weekday names, qualifiers, currencies, units of measure and durations.

Plain data, no patterns: `patterns` compiles these into the one figure pattern, and the readers
(`dates`, `amounts`) turn a matched word back into its meaning through the same tables.
"""

from __future__ import annotations

S = r"[ \t\u00a0\u2009\u202f]"  # one inline space character; figures never cross a line break (a line break always ends a sentence)

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}

LOWER_BOUNDS = {
    "larger than", "bigger than", "greater than or equal to", "more than or equal to", "higher or equal than",
    "bigger or equal than", "larger or equal than", "greater or equal than", "equal to or more than",
    "equal to or greater than", "at least or equal to", "or greater", "or higher", "or above", "and more", "and above", "or over",
    "at least", "more than", "no fewer than", "no less than", "not less than", "upwards of", "in excess of",
    "over", "above", "exceeds", "exceeded", "exceeding", "exceed", "surpassed", "topped", "just over",
    "well over", "slightly more than", "well above", "a minimum of", "or more", "plus", "+", "as few as",
    "as little as", "greater than", "higher than",
}
UPPER_BOUNDS = {
    "smaller than", "less than or equal to", "fewer than or equal to", "less or equal than", "lower or equal than",
    "smaller or equal than", "equal to or less than", "equal to or fewer than", "or less", "or fewer", "or below", "or lower", "and below", "and less",
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
    "$": "USD", "us$": "USD", "$us": "USD", "nt$": "TWD", "r$": "BRL", "rs": "INR", "rs.": "INR", "rm": "MYR",
    "rp": "IDR", "₦": "NGN", "₱": "PHP", "₺": "TRY", "₪": "ILS", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD",
    "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "₩": "KRW", "₹": "INR",
}
CURRENCY_CODES = ("USD", "EUR", "GBP", "RUB", "UAH", "JPY", "CNY", "RMB", "KRW", "INR", "CHF", "AUD", "CAD", "NZD", "HKD",
                  "SGD", "SEK", "NOK", "DKK", "BRL", "MXN", "ZAR", "TRY", "PLN", "CZK", "HUF", "ILS", "SAR", "AED",
                  "MYR", "IDR", "THB", "PHP", "NGN", "EGP", "PKR", "TWD")
CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "ruble": "RUB", "rouble": "RUB", "hryvnia": "UAH",
    "hryvnias": "UAH", "yen": "JPY", "yuan": "CNY", "won": "KRW", "rupee": "INR", "franc": "CHF", "pence": "GBX",
    "penny": "GBX", "cent": "cent", "rand": "ZAR", "peso": "peso", "lira": "TRY", "naira": "NGN", "ringgit": "MYR",
    "baht": "THB", "shekel": "ILS", "dirham": "AED", "riyal": "SAR", "krona": "SEK", "kronor": "SEK", "krone": "NOK",
    "kroner": "NOK", "zloty": "PLN", "rupiah": "IDR", "real": "BRL", "reais": "BRL",
}
# Currency words as written after a number ("10 euros", "6 pence"), longest first where one begins another
CURRENCY_WORDS_AFTER = (
    "euros", "euro", "rubles", "ruble", "roubles", "rouble", "hryvnias", "hryvnia", "yen", "yuan", "won", "rupees",
    "rupee", "francs", "franc", "pence", "cents", "rand", "pesos", "lira", "naira", "ringgit", "baht", "shekels",
    "dirhams", "riyals", "kronor", "krona", "kroner", "krone", "zlotys", "zloty", "rupiah", "reais",
)

MEASURES = [  # (pattern, unit): written with or without a space ("5 kW", "5kW", "a 6.1-inch screen")
    (rf"square{S}+kilomet(?:er|re)s?|sq\.?{S}*km\b|km²|km2\b", "km2"),
    (rf"square{S}+miles?|sq\.?{S}*mi\b", "mi2"),
    (rf"square{S}+met(?:er|re)s?|sq\.?{S}*m\b|m²|m2\b", "m2"),
    (rf"square{S}+f(?:ee|oo)t|sq\.?{S}*ft\b|ft²|ft2\b", "ft2"),
    (rf"cubic{S}+met(?:er|re)s?|m³|m3\b", "m3"),
    (rf"cubic{S}+kilomet(?:er|re)s?|km³|km3\b", "km3"),
    (rf"kilomet(?:er|re)s?{S}+(?:per|an){S}+hour|km/h|kph|kmh\b", "km/h"),
    (rf"miles{S}+(?:per|an){S}+hour|mph", "mph"),
    (r"m/s\b", "m/s"),
    (r"kilomet(?:er|re)s?|km\b", "km"),
    (rf"nautical{S}+miles?|nmi\b", "nmi"),
    (r"miles?\b", "mi"),
    (r"millimet(?:er|re)s?|mm\b", "mm"),
    (r"centimet(?:er|re)s?|cm\b", "cm"),
    (r"nanomet(?:er|re)s?|nm\b", "nm"),
    (r"micromet(?:er|re)s?|microns?\b|µm\b|μm\b", "µm"),
    (r"met(?:er|re)s?\b", "m"),
    (r"inch(?:es)?\b", "in"),
    (r"yards?\b|yds?\b", "yd"),
    (r"light[- ]years?\b", "ly"),
    (r"kilograms?|kilos?\b|kg\b", "kg"),
    (r"milligrams?|mg\b", "mg"),
    (r"micrograms?|µg\b|mcg\b", "µg"),
    (r"grams?\b|grammes?\b|g\b", "g"),
    (rf"(?:metric{S}+)?tonnes?|(?:metric{S}+)?tons?\b", "t"),
    (rf"pounds?(?={S}+of\b)|lbs?\b", "lb"),
    (rf"(?:troy{S}+)?ounces?\b|oz\b", "oz"),
    (r"carats?\b", "ct"),
    (r"millilit(?:er|re)s?|ml\b|mL\b", "ml"),
    (r"lit(?:er|re)s?\b|L\b", "l"),
    (r"gallons?\b|gal\b", "gal"),
    (r"barrels?\b|bbl\b", "bbl"),
    (r"tablespoons?\b|tbsp\b|teaspoons?\b|tsp\b", "tbsp"),
    (r"hectares?|ha\b", "ha"),
    (r"acres?\b", "acre"),
    (r"feet\b|foot\b|ft\b", "ft"),
    (r"kilowatt[- ]hours?|kWh\b", "kWh"),
    (r"megawatt[- ]hours?|MWh\b", "MWh"),
    (r"gigawatt[- ]hours?|GWh\b", "GWh"),
    (r"terawatt[- ]hours?|TWh\b", "TWh"),
    (r"kilowatts?|kW\b", "kW"),
    (r"megawatts?|MW\b", "MW"),
    (r"gigawatts?|GW\b", "GW"),
    (r"watts?\b|W\b", "W"),
    (r"horsepower\b|b?hp\b|PS\b", "hp"),
    (r"kilojoules?|kJ\b", "kJ"),
    (r"joules?\b|J\b", "J"),
    (r"kcal\b|calories\b", "kcal"),
    (r"kilovolts?\b|kV\b", "kV"),
    (r"volts?\b|V\b", "V"),
    (r"mAh\b", "mAh"),
    (r"kilohertz\b|kHz\b", "kHz"),
    (r"megahertz\b|MHz\b", "MHz"),
    (r"gigahertz\b|GHz\b", "GHz"),
    (r"hertz\b|Hz\b", "Hz"),
    (r"[kK]B/s\b", "kB/s"),  # byte rates before the bytes: "125MB/s"
    (r"MB/s\b", "MB/s"),
    (r"GB/s\b", "GB/s"),
    (r"TB/s\b", "TB/s"),
    (r"kilobytes?\b|[kK]i?B\b", "kB"),
    (r"megabytes?\b|Mi?B\b", "MB"),
    (r"gigabytes?\b|Gi?B\b", "GB"),
    (r"terabytes?\b|Ti?B\b", "TB"),
    (r"petabytes?\b|Pi?B\b", "PB"),
    (r"bytes?\b", "B"),
    (r"kbps\b|kb/s\b", "kbit/s"),
    (r"Mbps\b|Mb/s\b", "Mbit/s"),
    (r"Gbps\b|Gb/s\b", "Gbit/s"),
    (r"Tbps\b|Tb/s\b", "Tbit/s"),
    (r"megapixels?\b|MP\b", "MP"),
    (r"pixels?\b|px\b", "px"),
    (r"decibels?\b|dB\b", "dB"),
    (rf"ppm\b|parts{S}+per{S}+million\b", "ppm"),
    (rf"ppb\b|parts{S}+per{S}+billion\b", "ppb"),
    (r"psi\b", "psi"),
    (r"bar\b", "bar"),
    (r"mmHg\b", "mmHg"),
    (r"hPa\b|hectopascals?\b", "hPa"),
    (r"kPa\b|kilopascals?\b", "kPa"),
    (r"rpm\b", "rpm"),
    (r"fps\b", "fps"),
    (rf"degrees{S}+Celsius|°{S}?C\b|ºC\b|C\b(?<=\dC)", "°C"),
    (rf"degrees{S}+Fahrenheit|°{S}?F\b|ºF\b|(?<=\d)F\b", "°F"),
    (r"Fahrenheit\b", "°F"),
    (r"Celsius\b|centigrade\b", "°C"),
    (r"degrees?\b|°", "°"),
    (r"knots\b|kts?\b", "kn"),
    (r"calib(?:er|re)\b", "caliber"),
    (r"mins?\b", "min"),
    (r"hrs?\b|secs?\b|ms\b", "time"),
    (r"sigma\b", "sigma"),
    (r"points?\b|pts?\b", "points"),
]
# Units written only glued to the number ("164p", "5G", "24h"): with a space they are words or letters
GLUED_MEASURES = [
    (r"p\b", "GBX"),
    (r"m\b", "m"),
    (r"G\b", "G"),
    (r"h\b", "h"),
    (r"[tT]\b", "t"),
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
