#!/usr/bin/env python3
"""Re-runs every documented command and writes its real output into the documentation.

    scripts/refresh-documented-output.py [--trustc PATH] [--check] [FILE...]

A documented run is a fenced block that starts with `$ trustc ARGS` on its first line; the rest
of the block is replaced by what `trustc ARGS` prints to standard output, run in the
repository's root (default files: README.md and docs/commands/*.md). Only commands listed in
COMMANDS are run (others, such as `plan --base origin/main`, need a setup the documentation
describes), and abridged outputs (with a line `...`) are left alone. With --check nothing is written and the exit status is 1 when a block is stale.
The tests (DocumentedOutputTests) make the same comparison."""
import argparse
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"certs", "drift", "explain", "audit", "rollout"}


def command_runs(body: str) -> list[tuple[str, list[str], str]]:
    """Splits a block's body (after its opening `$ trustc `) into runs: each command as written
    (continued by a trailing backslash), its arguments and the output shown after it."""
    runs = []
    for segment in ("$ trustc " + body).split("\n$ trustc "):
        segment = segment.removeprefix("$ trustc ")
        if not segment.endswith("\n"):
            segment += "\n"  # the newline the split took
        lines = segment.split("\n")
        count = 1
        while lines[count - 1].endswith("\\") and count < len(lines):
            count += 1
        command = "\n".join(lines[:count])
        runs.append((command, shlex.split(command.replace("\\\n", " ")), "\n".join(lines[count:])))
    return runs


def refresh(path: Path, trustc: str, check: bool) -> int:
    text = path.read_text(encoding="utf-8")
    parts = text.split("```\n$ trustc ")
    stale = 0
    for index in range(1, len(parts)):
        block = parts[index]
        end = block.find("```")
        if end < 0:
            continue
        body, rest = block[:end], block[end:]
        runs = command_runs(body)
        # An abridged block (a line `...`) is kept as it is: only whole outputs are refreshed.
        if any(arguments[0] not in COMMANDS or "\n...\n" in "\n" + output for _, arguments, output in runs):
            continue
        refreshed = []
        for command, arguments, output in runs:
            run = subprocess.run([trustc] + arguments, cwd=ROOT, capture_output=True, text=True)
            # A failing command documents its message, which trustc prints to standard error.
            printed = run.stdout or run.stderr
            if printed != output:
                stale += 1
                print(f"{path.relative_to(ROOT)}: trustc {command.splitlines()[0]}: {'stale' if check else 'refreshed'}")
            refreshed.append(command + "\n" + printed)
        parts[index] = "$ trustc ".join(refreshed) + rest
    if not check and stale:
        path.write_text("```\n$ trustc ".join(parts), encoding="utf-8")
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trustc", default=str(ROOT / ".build/debug/trustc"))
    parser.add_argument("--check", action="store_true")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    files = [Path(f).resolve() for f in args.files] or [ROOT / "README.md"] + sorted((ROOT / "docs/commands").glob("*.md"))
    stale = sum(refresh(path, args.trustc, args.check) for path in files)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
