"""Running wrk (Debian's package) against a loopback URL and reading its --latency report."""

import re
import subprocess
import tempfile

from django.core.management.base import CommandError

WRK_THREADS = 2
WRK_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}

# Each connection walks the path list in turn, so every page of a mix is loaded evenly.
PATH_MIX_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def run_wrk(wrk, url, duration, connections=8, paths=()):
    """Loads ``url`` (or, with ``paths``, that host with each path in turn) for ``duration`` seconds."""
    command = [wrk, f"-t{WRK_THREADS}", f"-c{connections}", f"-d{duration}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if paths:
            script.write(PATH_MIX_SCRIPT % ", ".join(f'"{path}"' for path in paths))
            script.flush()
            command += ["-s", script.name]
        result = subprocess.run([*command, url], capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"wrk failed on {url}:\n{result.stdout}{result.stderr}")
    return parse_wrk(result.stdout)


def parse_wrk(output):
    """Requests/s, p50 and p99 in milliseconds, and any error lines from wrk's --latency report."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if rps is None:
        raise CommandError(f"Could not read wrk's output:\n{output}")
    errors = re.findall(r"^\s*((?:Non-2xx or 3xx responses|Socket errors):.*)$", output, re.M)
    return {
        "rps": float(rps.group(1)),
        "p50": latency_ms(output, "50%"),
        "p99": latency_ms(output, "99%"),
        "errors": "; ".join(errors),
    }


def latency_ms(output, percentile):
    match = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
    if match is None:
        raise CommandError(f"No {percentile} latency in wrk's output:\n{output}")
    return float(match.group(1)) * WRK_UNITS_MS[match.group(2)]
