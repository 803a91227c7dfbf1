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
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {"certs", "drift", "explain", "audit", "rollout"}


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
        first, _, output = body.partition("\n")
        arguments = first.split(" ")
        # An abridged block (a line `...`) is kept as it is: only whole outputs are refreshed.
        if arguments[0] not in COMMANDS or "\n...\n" in "\n" + output:
            continue
        run = subprocess.run([trustc] + arguments, cwd=ROOT, capture_output=True, text=True)
        if run.stdout != output:
            stale += 1
            print(f"{path.relative_to(ROOT)}: trustc {first}: {'stale' if check else 'refreshed'}")
            parts[index] = first + "\n" + run.stdout + rest
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
