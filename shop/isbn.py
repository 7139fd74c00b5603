"""ISBN numbers: the checksum rules of ISBN-10 and ISBN-13, for validating editors' input and
for building valid demo numbers. Hyphens and spaces are allowed between the digits."""

from django.core.exceptions import ValidationError

SEPARATORS = "- "


def digits_of(value):
    """The ISBN without its hyphens and spaces, upper-cased (ISBN-10 may end in X)."""
    return "".join(char for char in value if char not in SEPARATORS).upper()


def isbn13_check_digit(first_twelve):
    total = sum(int(digit) * (1 if position % 2 == 0 else 3) for position, digit in enumerate(first_twelve))
    return str((10 - total % 10) % 10)


def isbn10_check_digit(first_nine):
    total = sum(int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def is_valid_isbn(value):
    digits = digits_of(value)
    if len(digits) == 13 and digits.isdigit():
        return digits[12] == isbn13_check_digit(digits[:12])
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        return digits[9] == isbn10_check_digit(digits[:9])
    return False


def validate_isbn(value):
    if not is_valid_isbn(value):
        raise ValidationError(
            "This is not a valid ISBN. Copy the 10 or 13 digits from the book's imprint page; "
            "hyphens are fine. The last digit is a check digit, so a single typo is caught here.",
            code="invalid_isbn",
        )
