#!/usr/bin/env bash
# Whole-process speed and memory of sheet-extract against `pdftotext -layout` (poppler-utils),
# measured on the same files in the same run, reported as ratios.
#
#   bench/compare.sh [COPIES]      (default 1000 copies for the batch part)
#
# Its last parts are bench/books.sh (books of 50/150/450 pages: time per page, peak RSS)
# and bench/form.sh (`form` against measure extraction), which also run alone.
#
# Needs: poppler-utils (pdftotext), qpdf, GNU time (/usr/bin/time), bc.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-1000}
cargo build --release --quiet
bin=target/release/sheet-extract
out=bench/out
rm -rf "$out" && mkdir -p "$out/batch"
sheets=(fixtures/kitakami-r6-4-1.pdf fixtures/sample-r5-2-3.pdf fixtures/generated/gen-005.pdf)

now() { date +%s.%N; }
# seconds per run of "$@", best of 5 rounds of 20 runs
per_run() {
  local best=999
  for _ in 1 2 3 4 5; do
    local start end t
    start=$(now)
    for _ in $(seq 20); do "$@" >/dev/null 2>&1; done
    end=$(now)
    t=$(echo "($end - $start) / 20" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best"
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

echo "== one sheet per process (wall time per run, best of 5×20)"
printf '%-40s %12s %12s %8s %10s\n' file sheet-extract pdftotext ratio peakRSS
for f in "${sheets[@]}"; do
  ours=$(per_run "$bin" "$f" --format json)
  ref=$(per_run pdftotext -layout "$f" -)
  rss=$(peak_kb "$bin" "$f" --format json)
  printf '%-40s %10.2fms %10.2fms %7.2fx %8sKB\n' "$f" "$(echo "$ours*1000" | bc -l)" \
    "$(echo "$ref*1000" | bc -l)" "$(echo "$ours/$ref" | bc -l)" "$rss"
done

echo "== batch of $copies sheets (copies of the fixtures)"
i=0
while [ "$i" -lt "$copies" ]; do
  for f in "${sheets[@]}"; do
    [ "$i" -lt "$copies" ] || break
    cp "$f" "$out/batch/$(printf 'sheet-%05d.pdf' "$i")"
    i=$((i + 1))
  done
done
for jobs in 1 2; do
  start=$(now)
  rss=$(/usr/bin/time -f %M "$bin" -j "$jobs" "$out/batch" --format csv 2>&1 >/dev/null | tail -1)
  end=$(now)
  secs=$(echo "$end - $start" | bc -l)
  printf 'sheet-extract -j %d: %7.1f sheets/s  peak RSS of the largest process %s KB\n' \
    "$jobs" "$(echo "$copies / $secs" | bc -l)" "$rss"
  eval "ours_$jobs=$secs"
done
for jobs in 1 2; do
  start=$(now)
  find "$out/batch" -name '*.pdf' -print0 | xargs -0 -n 1 -P "$jobs" sh -c 'pdftotext -layout "$0" - >/dev/null'
  end=$(now)
  secs=$(echo "$end - $start" | bc -l)
  ours=$(eval echo "\$ours_$jobs")
  printf 'pdftotext -layout, %d parallel: %7.1f sheets/s   sheet-extract/pdftotext time ratio %.2fx\n' \
    "$jobs" "$(echo "$copies / $secs" | bc -l)" "$(echo "$ours / $secs" | bc -l)"
done

echo "== a book: 150 sheets on 300 pages in one PDF (the two given sheets alternately, qpdf)"
book="$out/book-150.pdf"
pages=()
for _ in $(seq 75); do pages+=(fixtures/kitakami-r6-4-1.pdf 1-2 fixtures/sample-r5-2-3.pdf 1-2); done
qpdf --empty --pages "${pages[@]}" -- "$book"
best() { # best wall time of 5 runs of "$@", in seconds
  local best=999
  for _ in 1 2 3 4 5; do
    local start end t
    start=$(now); "$@" >/dev/null 2>&1; end=$(now)
    t=$(echo "$end - $start" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best"
}
ref=$(best pdftotext -layout "$book" -)
for jobs in 1 2; do
  ours=$(best "$bin" -j "$jobs" "$book" --format ndjson)
  rss=$(peak_kb "$bin" -j "$jobs" "$book" --format ndjson)
  printf 'sheet-extract -j %d: %6.3f s   pdftotext -layout: %6.3f s   ratio %.2fx   peak RSS %s KB\n' \
    "$jobs" "$ours" "$ref" "$(echo "$ours / $ref" | bc -l)" "$rss"
done

echo "== a book from mixed producers: every fixture sheet (LibreOffice, Excel-style, Ghostscript,"
echo "   cairo, hand-made; each embedding its own fonts) three times over, qpdf; peak RSS must"
echo "   stay under 50 MB with -j 2 whatever the book's length"
mixed="$out/book-mixed.pdf"
pages=()
for _ in 1 2 3; do
  for f in fixtures/excel/*.pdf fixtures/generated/*.pdf fixtures/series/*.pdf \
           fixtures/series-gen/*/*.pdf fixtures/kitakami-r6-4-1.pdf fixtures/sample-r5-2-3.pdf; do
    pages+=("$f" 1-z)
  done
done
qpdf --empty --pages "${pages[@]}" -- "$mixed"
ref=$(best pdftotext -layout "$mixed" -)
ref_rss=$(peak_kb pdftotext -layout "$mixed" -)
printf '%s: %s pages, %s bytes; pdftotext -layout: %.3f s, peak RSS %s KB\n' "$mixed" \
  "$(qpdf --show-npages "$mixed")" "$(stat -c %s "$mixed")" "$ref" "$ref_rss"
for jobs in 1 2; do
  ours=$(best "$bin" -j "$jobs" "$mixed" --format ndjson)
  rss=$(peak_kb "$bin" -j "$jobs" "$mixed" --format ndjson)
  printf 'sheet-extract -j %d: %6.3f s   ratio %.2fx   peak RSS %s KB\n' \
    "$jobs" "$ours" "$(echo "$ours / $ref" | bc -l)" "$rss"
done

echo "== books of 50, 150 and 450 pages: time per page and peak RSS (measure, project, form)"
bench/books.sh "$bin" 1

echo "== form on a one-page 池田市 sheet against measure extraction (ratios to pdftotext)"
bench/form.sh "$bin"
