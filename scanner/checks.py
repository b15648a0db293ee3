"""Check digits and GTIN normalisation for EAN/UPC and ITF."""

RETAIL = frozenset({"EAN-13", "EAN-8", "UPC-A", "UPC-E"})
_LENGTHS = {"EAN-13": 13, "EAN-8": 8, "UPC-A": 12, "UPC-E": 8}


def mod10_check_digit(body):
    """Return the GS1 mod-10 check digit for a string of digits (without its check digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def has_valid_mod10(digits):
    """Whether a digit string ends in a correct GS1 mod-10 check digit."""
    if len(digits) < 2 or not digits.isdigit():
        return False
    return mod10_check_digit(digits[:-1]) == digits[-1]


def expand_upce(upce):
    """Expand an 8-digit UPC-E (number system, six digits, check) to its 12-digit UPC-A."""
    ns, d, check = upce[0], upce[1:7], upce[7]
    last = d[5]
    if last in "012":
        body = d[0:2] + last + "0000" + d[2:5]
    elif last == "3":
        body = d[0:3] + "00000" + d[3:5]
    elif last == "4":
        body = d[0:4] + "00000" + d[4]
    else:
        body = d[0:5] + "0000" + last
    return ns + body + check


def is_valid_retail(symbology, text):
    """Whether an EAN/UPC text has the right length, number system and check digit."""
    if len(text) != _LENGTHS[symbology] or not text.isdigit():
        return False
    if symbology == "UPC-E":
        # Only number systems 0 and 1 exist for UPC-E; the check digit belongs to the UPC-A.
        return text[0] in "01" and has_valid_mod10(expand_upce(text))
    return has_valid_mod10(text)


def is_valid_itf(text):
    """Whether an ITF text is plausible: even length digits; ITF-14 must carry a valid check digit."""
    if not text.isdigit() or len(text) % 2 or len(text) < 6:
        return False
    return len(text) != 14 or has_valid_mod10(text)


def to_gtin(symbology, text):
    """The 14-digit GTIN an EAN/UPC or ITF-14 text stands for, or None."""
    if symbology in RETAIL:
        if not is_valid_retail(symbology, text):
            return None
        digits = expand_upce(text) if symbology == "UPC-E" else text
        return digits.zfill(14)
    if symbology == "ITF" and len(text) == 14 and has_valid_mod10(text):
        return text
    return None


def is_valid_text(symbology, text):
    """Whether a decoded text passes the checks its symbology allows (check digits, length)."""
    if symbology in RETAIL:
        return is_valid_retail(symbology, text)
    if symbology == "ITF":
        return is_valid_itf(text)
    return bool(text)
