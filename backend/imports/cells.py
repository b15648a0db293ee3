"""One cell's text read as the value a column wants, or a Problem naming why not."""
import datetime
from decimal import Decimal, InvalidOperation

from ..api import MAX_QTY
from ..catalog.codes import GTIN_LENGTHS, is_valid_gtin, normalise_code

TRUE = {"true", "yes", "y", "1", "是"}
FALSE = {"false", "no", "n", "0", "否"}


class Problem(Exception):
    """What is wrong with one cell: a code and words for the user."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def text(max_length):
    """A parser of text up to max_length characters."""
    def parse(value):
        if len(value) > max_length:
            raise Problem("too_long", f"At most {max_length} characters.")
        return value
    return parse


def number(places, minimum=Decimal(0), positive=False):
    """A parser of a decimal with at most `places` decimals, not below minimum (nor 0 when
    positive)."""
    def parse(value):
        try:
            amount = Decimal(value.replace(",", ""))
        except InvalidOperation:
            raise Problem("bad_number", f"{value} is not a number.") from None
        if not amount.is_finite():
            raise Problem("bad_number", f"{value} is not a usable number.")
        if abs(amount) > MAX_QTY:  # as the API refuses it (quantities and amounts alike)
            raise Problem("bad_number", f"{value} is over {MAX_QTY}, the most the API takes.")
        if amount < minimum or (positive and amount == 0):
            raise Problem("negative_quantity" if positive else "negative_value",
                          f"{value} must be {'above' if positive else 'at least'} {minimum}.")
        if -amount.normalize().as_tuple().exponent > places:
            raise Problem("too_many_decimals", f"{value} has more than {places} decimals.")
        return amount
    return parse


def whole(minimum, maximum):
    """A parser of a whole number in [minimum, maximum]."""
    def parse(value):
        digits = value.lstrip("-")
        if not (digits.isascii() and digits.isdigit()) or not minimum <= int(value) <= maximum:
            raise Problem("bad_number", f"{value} is not a whole number from {minimum} to "
                          f"{maximum}.")
        return int(value)
    return parse


def boolean(value):
    """yes/no, true/false, 1/0 (or 是/否)."""
    lowered = value.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise Problem("bad_boolean", f"{value} is not yes or no.")


def date(value):
    """A date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(value[:10] if len(value) > 10 else value)
    except ValueError:
        raise Problem("bad_date", f"{value} is not a date written YYYY-MM-DD.") from None


def barcodes(value):
    """Codes separated by spaces or |, each as the catalog stores it (GTINs as 14 digits)."""
    codes = []
    for code in value.replace("|", " ").split():
        if code.isdigit() and len(code) in GTIN_LENGTHS:
            if not is_valid_gtin(code):
                raise Problem("bad_check_digit", f"{code} looks like a GTIN but its check "
                              "digit is wrong.")
            codes.append(code.zfill(14))  # normalise_code's answer, without checking again
            continue
        if len(code) > 100:
            raise Problem("too_long", f"Barcode {code[:20]}... is longer than 100 characters.")
        codes.append(normalise_code(code))
    return codes
