"""Split the labelled corpus once into a development part and a held-out
part, by site: every document of a site falls in the same part, so the
held-out part measures the archive on sites never seen while tuning.

A site goes to the held-out part when the first byte of the SHA-256 of its
name is below 96 (about 3 in 8).  Run once; ``split.yaml`` is committed and
new documents are added to it by the same rule (``--add``), never moved.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
HELD_OUT_BELOW = 96


def part_of(site: str) -> str:
    return "heldout" if hashlib.sha256(site.encode("utf-8")).digest()[0] < HELD_OUT_BELOW else "dev"


def main(argv: list[str]) -> int:
    path = HERE / "split.yaml"
    split = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {"dev": [], "heldout": []}
    if path.exists() and "--add" not in argv:
        print("split.yaml exists; use --add to place new documents by the same rule", file=sys.stderr)
        return 1
    placed = set(split["dev"]) | set(split["heldout"])
    for label in sorted((HERE / "labels").glob("*.yaml")):
        if label.stem in placed:
            continue
        site = yaml.safe_load(label.read_text(encoding="utf-8"))["site"]
        split[part_of(site)].append(label.stem)
    split = {k: sorted(v) for k, v in split.items()}
    header = "# Made by split.py (by site); the held-out part is scored only at the end of a piece of work.\n"
    path.write_text(header + yaml.safe_dump(split, allow_unicode=True, sort_keys=True), encoding="utf-8")
    print({k: len(v) for k, v in split.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
