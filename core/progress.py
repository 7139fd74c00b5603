"""Progress lines for long management commands: "  1500/10000 articles created"."""


def progress_reporter(write, label, total):
    done = 0

    def report(count):
        nonlocal done
        done += count
        write(f"  {done}/{total} {label}")

    return report
