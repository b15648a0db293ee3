"""The GS1 Application Identifier table: format, length and meaning of each AI we accept."""

from __future__ import annotations

from dataclasses import dataclass

# AIs whose first two digits are here have a length fixed by the GS1 General Specifications
# ("predefined length"), so a reader may take them without a separator after them.
PREDEFINED_LENGTH_PREFIXES = frozenset(
    "00 01 02 03 04 11 12 13 14 15 16 17 18 19 20 31 32 33 34 35 36 41".split()
)

# Value kinds the parser turns into Python objects; anything else stays a string.
TEXT, INT, KEY, DATE, DATE_EXACT, DATETIME, MEASURE, DECIMAL = (
    "text", "int", "key", "date", "date_exact", "datetime", "measure", "decimal",
)


@dataclass(frozen=True)
class AiSpec:
    """How one AI's data field is written: characters, length, and what it means."""

    ai: str
    title: str
    charset: str  # "N": digits only; "X": GS1 AI encodable character set 82
    min_len: int
    max_len: int
    kind: str = TEXT
    key: tuple[int, int] | None = None  # slice of the value holding a mod-10 checked key
    unit: str | None = None  # measures only

    @property
    def fixed(self) -> bool:
        """Whether the data field always has the same length."""
        return self.min_len == self.max_len

    @property
    def predefined(self) -> bool:
        """Whether the AI is in the predefined-length table (no separator needed after it)."""
        return self.ai[:2] in PREDEFINED_LENGTH_PREFIXES


def _n(ai, title, length, kind=TEXT, key=None):
    return AiSpec(ai, title, "N", length, length, kind, key)


def _nv(ai, title, max_len, kind=TEXT, key=None, min_len=1):
    return AiSpec(ai, title, "N", min_len, max_len, kind, key)


def _x(ai, title, max_len, min_len=1, key=None):
    return AiSpec(ai, title, "X", min_len, max_len, TEXT, key)


_BASE = [
    _n("00", "SSCC", 18, KEY, (0, 18)),
    _n("01", "GTIN", 14, KEY, (0, 14)),
    _n("02", "CONTENT", 14, KEY, (0, 14)),
    _x("10", "BATCH/LOT", 20),
    _n("11", "PROD DATE", 6, DATE),
    _n("12", "DUE DATE", 6, DATE),
    _n("13", "PACK DATE", 6, DATE),
    _n("15", "BEST BEFORE or BEST BY", 6, DATE),
    _n("16", "SELL BY", 6, DATE),
    _n("17", "USE BY or EXPIRY", 6, DATE),
    _n("20", "VARIANT", 2),
    _x("21", "SERIAL", 20),
    _x("22", "CPV", 20),
    _x("235", "TPX", 28),
    _x("240", "ADDITIONAL ID", 30),
    _x("241", "CUST. PART No.", 30),
    _nv("242", "MTO VARIANT", 6),
    _x("243", "PCN", 20),
    _x("250", "SECONDARY SERIAL", 30),
    _x("251", "REF. TO SOURCE", 30),
    _x("253", "GDTI", 30, min_len=13, key=(0, 13)),
    _x("254", "GLN EXTENSION COMPONENT", 20),
    _nv("255", "GCN", 25, min_len=13, key=(0, 13)),
    _nv("30", "VAR. COUNT", 8, INT),
    _nv("37", "COUNT", 8, INT),
    _x("400", "ORDER NUMBER", 30),
    _x("401", "GINC", 30),
    _n("402", "GSIN", 17, KEY, (0, 17)),
    _x("403", "ROUTE", 30),
    _n("410", "SHIP TO LOC", 13, KEY, (0, 13)),
    _n("411", "BILL TO", 13, KEY, (0, 13)),
    _n("412", "PURCHASE FROM", 13, KEY, (0, 13)),
    _n("413", "SHIP FOR LOC", 13, KEY, (0, 13)),
    _n("414", "LOC No.", 13, KEY, (0, 13)),
    _n("415", "PAY TO", 13, KEY, (0, 13)),
    _n("416", "PROD/SERV LOC", 13, KEY, (0, 13)),
    _n("417", "PARTY", 13, KEY, (0, 13)),
    _x("420", "SHIP TO POST", 20),
    _x("421", "SHIP TO POST", 12, min_len=4),
    _n("422", "ORIGIN", 3),
    _nv("423", "COUNTRY - INITIAL PROCESS", 15, min_len=3),
    _n("424", "COUNTRY - PROCESS", 3),
    _nv("425", "COUNTRY - DISASSEMBLY", 15, min_len=3),
    _n("426", "COUNTRY - FULL PROCESS", 3),
    _x("427", "ORIGIN SUBDIVISION", 3),
    _n("7001", "NSN", 13),
    _x("7002", "MEAT CUT", 30),
    _n("7003", "EXPIRY TIME", 10, DATETIME),
    _nv("7004", "ACTIVE POTENCY", 4),
    _x("7005", "CATCH AREA", 12),
    _n("7006", "FIRST FREEZE DATE", 6, DATE_EXACT),
    _nv("7007", "HARVEST DATE", 12, min_len=6),
    _x("7008", "AQUATIC SPECIES", 3),
    _x("7009", "FISHING GEAR TYPE", 10),
    _x("7010", "PROD METHOD", 2),
    _x("7011", "TEST BY DATE", 10, min_len=6),
    _x("7020", "REFURB LOT", 20),
    _x("7021", "FUNC STAT", 20),
    _x("7022", "REV STAT", 20),
    _x("7023", "GIAI - ASSEMBLY", 30),
    *[_x(f"703{i}", f"PROCESSOR # {i}", 30, min_len=4) for i in range(10)],
    _x("7040", "UIC+EXT", 4, min_len=4),
    *[_x(f"71{i}", title, 20) for i, title in enumerate(
        ["NHRN PZN", "NHRN CIP", "NHRN CN", "NHRN DRN", "NHRN AIM", "NHRN NDC"])],
    *[_x(f"723{i}", f"CERT # {i + 1}", 30, min_len=3) for i in range(10)],
    _x("7240", "PROTOCOL", 20),
    _n("8001", "DIMENSIONS", 14),
    _x("8002", "CMT No.", 20),
    _x("8003", "GRAI", 30, min_len=14, key=(1, 14)),
    _x("8004", "GIAI", 30),
    _n("8005", "PRICE PER UNIT", 6),
    _n("8006", "ITIP", 18, KEY, (0, 14)),
    _x("8007", "IBAN", 34),
    _nv("8008", "PROD TIME", 12, min_len=8),
    _x("8009", "OPTSEN", 50),
    _x("8010", "CPID", 30),
    _nv("8011", "CPID SERIAL", 12),
    _x("8012", "VERSION", 20),
    _x("8013", "GMN", 25),
    _n("8017", "GSRN - PROVIDER", 18, KEY, (0, 18)),
    _n("8018", "GSRN - RECIPIENT", 18, KEY, (0, 18)),
    _nv("8019", "SRIN", 10),
    _x("8020", "REF No.", 25),
    _n("8026", "ITIP CONTENT", 18, KEY, (0, 14)),
    _x("8110", "COUPON", 70),
    _n("8111", "POINTS", 4),
    _x("8112", "PAPERLESS COUPON", 70),
    _x("8200", "PRODUCT URL", 70),
    _x("90", "INTERNAL", 30),
    *[_x(str(ai), "INTERNAL", 90) for ai in range(91, 100)],
]

# Trade measures 31nn-36nn: the fourth digit n is the number of implied decimal places (0-5).
# (meaning, unit) per three-digit prefix; "log" marks the logistic-unit variants.
MEASURES = {
    "310": ("net weight", "kg"), "311": ("length", "m"), "312": ("width", "m"),
    "313": ("height", "m"), "314": ("area", "m2"), "315": ("net volume", "l"),
    "316": ("net volume", "m3"), "320": ("net weight", "lb"), "321": ("length", "in"),
    "322": ("length", "ft"), "323": ("length", "yd"), "324": ("width", "in"),
    "325": ("width", "ft"), "326": ("width", "yd"), "327": ("height", "in"),
    "328": ("height", "ft"), "329": ("height", "yd"), "330": ("gross weight", "kg"),
    "331": ("length, log", "m"), "332": ("width, log", "m"), "333": ("height, log", "m"),
    "334": ("area, log", "m2"), "335": ("volume, log", "l"), "336": ("volume, log", "m3"),
    "337": ("kg per m2", "kg/m2"), "340": ("gross weight", "lb"),
    "341": ("length, log", "in"), "342": ("length, log", "ft"), "343": ("length, log", "yd"),
    "344": ("width, log", "in"), "345": ("width, log", "ft"), "346": ("width, log", "yd"),
    "347": ("height, log", "in"), "348": ("height, log", "ft"), "349": ("height, log", "yd"),
    "350": ("area", "in2"), "351": ("area", "ft2"), "352": ("area", "yd2"),
    "353": ("area, log", "in2"), "354": ("area, log", "ft2"), "355": ("area, log", "yd2"),
    "356": ("net weight", "t oz"), "357": ("net volume", "oz"), "360": ("net volume", "qt"),
    "361": ("net volume", "gal"), "362": ("volume, log", "qt"), "363": ("volume, log", "gal"),
    "364": ("volume", "in3"), "365": ("volume", "ft3"), "366": ("volume", "yd3"),
    "367": ("volume, log", "in3"), "368": ("volume, log", "ft3"), "369": ("volume, log", "yd3"),
}

_MEASURE_SPECS = [
    AiSpec(f"{prefix}{n}", f"{meaning.upper()} ({unit})", "N", 6, 6, MEASURE, unit=unit)
    for prefix, (meaning, unit) in MEASURES.items()
    for n in range(6)
]

# Amounts and prices: fourth digit is again the number of implied decimals.
_AMOUNT_SPECS = [
    AiSpec(f"{prefix}{n}", title, "N", 1, 15, DECIMAL)
    for prefix, title in (("390", "AMOUNT"), ("392", "PRICE"))
    for n in range(10)
]

AIS: dict[str, AiSpec] = {spec.ai: spec for spec in _BASE + _MEASURE_SPECS + _AMOUNT_SPECS}


def match_ai(text: str, pos: int = 0) -> AiSpec | None:
    """Return the spec of the AI that starts at text[pos], or None if none does."""
    # GS1 assigns AIs so that none is a prefix of another: the first match is the only one.
    for length in (2, 3, 4):
        spec = AIS.get(text[pos:pos + length])
        if spec is not None:
            return spec
    return None
