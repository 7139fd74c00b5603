"""Prices as readers of each language write them: "€18.50" in English, "18,50 €" in Russian."""

from django.db import models
from django.utils import formats
from django.utils.translation import pgettext


class Currency(models.TextChoices):
    EUR = "EUR", "Euro (€)"
    USD = "USD", "US dollar ($)"
    GBP = "GBP", "Pound sterling (£)"


SYMBOLS = {Currency.EUR: "€", Currency.USD: "$", Currency.GBP: "£"}


def price_text(amount, currency):
    number = formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)
    # Where the symbol goes, and with what space, is the translation's choice.
    return pgettext("price", "%(symbol)s%(amount)s") % {
        "symbol": SYMBOLS.get(currency, currency),
        "amount": number,
    }
