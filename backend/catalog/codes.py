"""Barcode text as the catalog stores it: every GTIN as 14 digits."""
from scanner.gs1 import gs1_check_digit as gtin_check_digit

GTIN_LENGTHS = (8, 12, 13, 14)


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
