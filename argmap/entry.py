"""The ``argmap`` program: ``argmap solve`` is answered before the rest is loaded.

An ICCMA harness starts the solver once per question, so start-up is part of every
answer's time. ``solve`` reads its few options with argparse and imports only the
solver: a small framework is answered in about half the time it takes through
:mod:`argmap.cli`, whose Typer and Rich every other command goes through.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading

from argmap import __version__
from argmap.errors import ArgmapError

USER_ERROR = 2
TIMEOUT_EXIT = 3


def solve(argv: list[str]) -> int:
    """``argmap solve`` with ``argv`` (the ICCMA'23 solver contract); the exit status."""
    parser = argparse.ArgumentParser(
        prog="argmap solve",
        description="An ICCMA-conformant solver: argmap solve -p DS-PR -f FILE -a 3.",
    )
    parser.add_argument("-p", dest="problem", help="problem, e.g. DS-PR")
    parser.add_argument("-f", dest="file", help="the framework file")
    parser.add_argument("-fo", dest="fmt", default="i23", help="input format: i23, apx or tgf")
    parser.add_argument("-a", dest="argument", help="query argument")
    parser.add_argument(
        "--timeout", type=float, metavar="S", help=f"give up after S seconds (exit {TIMEOUT_EXIT})"
    )
    parser.add_argument("--formats", action="store_true", help="list input formats")
    parser.add_argument("--problems", action="store_true", help="list problems")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    args = parser.parse_args(argv)

    # The solver does no linear algebra, but numpy's OpenBLAS starts a thread per core
    # on import, which costs a third more CPU than the whole answer to a small framework
    # (0.16 s against 0.10 s) and competes with the solvers a harness runs beside this one.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from argmap.semantics.iccma import FORMATS, PROBLEMS, read_framework, solve_problem

    if args.formats:
        print("[" + ",".join(FORMATS) + "]")
        return 0
    if args.problems:
        print("[" + ",".join(PROBLEMS) + "]")
        return 0
    if args.problem is None or args.file is None:
        print(f"argmap {__version__}\nThe argmap developers")
        return 0
    if args.timeout is not None:
        # A SAT call cannot be interrupted from Python: end the process from a timer.
        # Nothing has been printed yet, so nothing can be read as an answer.
        def give_up() -> None:
            sys.stderr.write(f"argmap: timeout after {args.timeout:g} s\n")
            sys.stderr.flush()
            os._exit(TIMEOUT_EXIT)

        timer = threading.Timer(args.timeout, give_up)
        timer.daemon = True
        timer.start()
    fmt = args.fmt.lower()
    try:
        try:
            with open(args.file, "rb") as handle:
                data = handle.read()
        except OSError as e:
            raise ArgmapError(f"{args.file}: {e.strerror or 'cannot read'}") from None
        af = read_framework(data, fmt, args.file)
        lines = list(solve_problem(af, args.problem, args.argument, fmt))
    except ArgmapError as e:
        if args.debug:
            raise
        sys.stderr.write(f"{e}\n")
        return USER_ERROR
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return 0


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:2] == ["solve"]:
        sys.exit(solve(sys.argv[2:]))
    from argmap.cli import main as cli_main

    cli_main()
