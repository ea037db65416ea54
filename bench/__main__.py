"""`make bench`: every benchmark of the project, each printing its figures as ratios against
a baseline measured in the same run (the machines are noisy).

    python -m bench              all of them
    python -m bench live ...     one of them, with its own options (`python -m bench live --help`)
"""

import importlib
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bedoeling.settings")

SUITES = ["opinionmap", "insights", "live", "stop", "vision", "systemworld", "stories"]


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__.strip() + "\n\nsuites: " + ", ".join(SUITES))
        return 0
    if argv and argv[0] not in SUITES:
        # An unknown name used to start every suite (tens of minutes): say so instead.
        print(f"bench: no suite {argv[0]!r}; one of {', '.join(SUITES)}", file=sys.stderr)
        return 2
    names = [argv[0]] if argv else SUITES
    rest = argv[1:]
    for name in names:
        try:
            module = importlib.import_module(f"bench.bench_{name}")
        except ModuleNotFoundError as error:
            print(f"(bench {name}: not available: {error})")
            continue
        print(f"\n=== bench {name} ===", flush=True)
        started = time.perf_counter()
        module.main(rest if len(names) == 1 else [])
        print(f"(bench {name} took {time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
