"""Barcode text as the catalog stores it: every GTIN as 14 digits."""

GTIN_LENGTHS = (8, 12, 13, 14)


def gtin_check_digit(body):
    """The GS1 mod-10 check digit for the digits before it."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def is_valid_gtin(code):
    """True for 8, 12, 13 or 14 digits whose last digit checks."""
    return (code.isascii() and code.isdigit() and len(code) in GTIN_LENGTHS
            and gtin_check_digit(code[:-1]) == int(code[-1]))


def normalise_code(code):
    """A GTIN-8/12/13/14 as 14 digits, so UPC-A and its EAN-13 form are one; other codes as is."""
    code = code.strip()
    if is_valid_gtin(code):
        return code.zfill(14)
    return code
