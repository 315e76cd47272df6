#!/usr/bin/env python3
"""Per-page counts of the non-space characters `pdftotext` reads from a PDF, after SPEC.md's
folding (〜 → ～, − → －) and without variation selectors: the reference a test compares the
pdf stage's glyphs with, committed so that the test needs no poppler.

    python3 tools/page_char_counts.py FILE.pdf > fixtures/corpus/NAME.charcounts.json
"""
import collections
import json
import subprocess
import sys

FOLD = {"\u301c": "\uff5e", "\u2212": "\uff0d"}


def main():
    pdf = sys.argv[1]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    out = []
    for page in pages:
        counts = collections.Counter(
            FOLD.get(c, c) for c in page
            if not c.isspace() and not (0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF))
        out.append(dict(sorted(counts.items())))
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    print()


if __name__ == "__main__":
    main()
