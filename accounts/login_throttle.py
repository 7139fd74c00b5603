"""Failed logins, counted in the shared cache so that every app server sees the same numbers.

One limit per visitor IP and address together, so that someone who only knows an address cannot
lock its owner out from elsewhere; one per IP, against trying many addresses; and a high ceiling
per address, against a guess spread over many IPs. Only that ceiling can lock the owner out, and
only under an attack of that size (the trade-off is written up in the README).

Each attempt is counted before its password is checked, by one atomic increment per limit: of any
number of guesses sent at the same moment, at most the limit get a number within it, and only
those are checked. An attempt refused for a limit is taken back at once, so that refusals do not
fill the per-address ceiling; a successful sign-in takes its own attempt back.

Without the shared cache nothing can be counted, and sign-in fails closed: it is refused, the
password unchecked, until the cache returns (docs/decisions/0004-sign-in-limits-and-proxies.md).
"""

from accounts.rate_limit import client_address, forget_attempt, record_attempt
from core.cache_outage import CacheUnavailable

# (scope, failures allowed, window in seconds)
FAILED_LOGIN_LIMITS = (
    ("ip-address", 5, 5 * 60),
    ("ip", 20, 10 * 60),
    ("address", 100, 60 * 60),
)
THROTTLED = "throttled"
UNAVAILABLE = "unavailable"


class SignInRefused(Exception):
    """The attempt may not check a password: ``reason`` is THROTTLED or UNAVAILABLE."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _counters(request, login):
    address = (login or "").strip().lower()
    ip = client_address(request)
    subjects = {"ip-address": f"{ip}|{address}", "ip": ip, "address": address}
    return [
        (f"login-failed:{scope}", subjects[scope], limit, window)
        for scope, limit, window in FAILED_LOGIN_LIMITS
    ]


def _take_back(counted):
    for action, who in counted:
        forget_attempt(action, who)


def count_login_attempt(request, login):
    """Counts an attempt to sign in as ``login`` as failed until ``login_succeeded`` says otherwise;
    raises SignInRefused when it must not go on to check the password."""
    counted = []
    try:
        for action, who, limit, window in _counters(request, login):
            attempts = record_attempt(action, who, window)
            counted.append((action, who))
            if attempts > limit:
                _take_back(counted)
                raise SignInRefused(THROTTLED)
    except CacheUnavailable:
        _take_back(counted)
        raise SignInRefused(UNAVAILABLE) from None


def login_succeeded(request, login):
    """The password (and second factor) were right: this attempt was no failure."""
    _take_back((action, who) for action, who, _limit, _window in _counters(request, login))
