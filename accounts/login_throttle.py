"""Failed logins, counted in the shared cache so that every app server sees the same numbers.

One limit per visitor IP and address together, so that someone who only knows an address cannot
lock its owner out from elsewhere; one per IP, against trying many addresses; and a high ceiling
per address, against a guess spread over many IPs. Only that ceiling can lock the owner out, and
only under an attack of that size (the trade-off is written up in the README).
"""

from accounts.rate_limit import attempts, client_address, record_attempt

# (scope, failures allowed, window in seconds)
FAILED_LOGIN_LIMITS = (
    ("ip-address", 5, 5 * 60),
    ("ip", 20, 10 * 60),
    ("address", 100, 60 * 60),
)


def _subjects(request, login):
    address = (login or "").strip().lower()
    ip = client_address(request)
    return {"ip-address": f"{ip}|{address}", "ip": ip, "address": address}


def login_blocked(request, login):
    """True while any limit is reached: the attempt must be refused before the password is checked."""
    subjects = _subjects(request, login)
    return any(
        attempts(f"login-failed:{scope}", subjects[scope]) >= limit for scope, limit, _ in FAILED_LOGIN_LIMITS
    )


def record_failed_login(request, login):
    subjects = _subjects(request, login)
    for scope, _limit, window in FAILED_LOGIN_LIMITS:
        record_attempt(f"login-failed:{scope}", subjects[scope], window)
