#!/usr/bin/env bash
# Peak memory and time of `sheet-extract series` over SHEETS sheets (default 2,000): the
# three fixture years (fixtures/series/) repeated for SHEETS/3 measures, as NDJSON written
# by the main command, and the same sheets as PDF copies through the worker pool.
#
#   bench/series.sh [SHEETS]
#
# Needs: python3, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
sheets=${1:-2000}
cargo build --release --quiet
bin=target/release/sheet-extract
out=bench/out/series
rm -rf "$out" && mkdir -p "$out"
python3 - "$sheets" "$out/years.ndjson" <<'PY'
import json, sys
count, path = int(sys.argv[1]), sys.argv[2]
years = [json.load(open("fixtures/series/series-2-3-r%d.expected.json" % y)) for y in (4, 5, 6)]
with open(path, "w") as f:
    for k in range(count):
        sheet = dict(years[k % 3])
        sheet["measure"] = dict(sheet["measure"], number="%d-%d" % (k // 3 // 50 + 1, k // 3 % 50 + 1))
        f.write(json.dumps(sheet, ensure_ascii=False) + "\n")
PY
/usr/bin/time -f '%e s, peak RSS %M KB' "$bin" series "$out/years.ndjson" -q -o "$out/series.json" 2>&1 | tail -1 |
  sed "s/^/series of $sheets sheets from NDJSON: /"
for i in $(seq 0 $((sheets / 3 - 1))); do
  for y in 4 5 6; do cp fixtures/series/series-2-3-r$y.pdf "$out/s$i-r$y.pdf"; done
done
/usr/bin/time -f '%e s, peak RSS %M KB (largest process)' "$bin" series "$out" -q -o "$out/pdf-series.json" 2>&1 | tail -1 |
  sed "s/^/series of $sheets PDF copies (-j default): /"
