#!/usr/bin/env bash
# Books of 50, 150 and 450 pages (qpdf merges): wall time per page and peak RSS of
#   - extraction of a measure book (the two given sheets alternately, 2 pages each),
#   - extraction of a project book (one-page generated project sheets of fixtures/projects),
#   - `form` on a book of real one-page 池田市 sheets (../shared/corpus/ja-eval, if present),
# with `pdftotext -layout` on the same book in the same run. Memory must stay flat with the
# book's length (issues 17, 19, 20.9) and a project book must be at least as fast per page as
# a measure book (issue 19). Run by bench/compare.sh; alone:
#
#   bench/books.sh [BINARY] [JOBS]     (default: target/release/sheet-extract, -j 1)
#
# Needs: poppler-utils (pdftotext), qpdf, GNU time (/usr/bin/time), bc.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/sheet-extract}
jobs=${2:-1}
out=bench/out/books
mkdir -p "$out"
shared=../shared; [ -d "$shared" ] || shared=../../shared   # a worktree beside the checkout

# book NAME PAGES FILE... : a book of PAGES pages cycling through the given files (whole).
book() {
  local name=$1 pages=$2; shift 2
  local args=() have=0
  while [ "$have" -lt "$pages" ]; do
    for f in "$@"; do
      local n; n=$(qpdf --show-npages "$f")
      [ $((have + n)) -le "$pages" ] || continue
      args+=("$f" 1-z); have=$((have + n))
    done
  done
  qpdf --empty --pages "${args[@]}" -- "$out/$name-$pages.pdf"
  echo "$out/$name-$pages.pdf"
}
seconds() { # best wall time of 3 runs of "$@"
  local best=999
  for _ in 1 2 3; do
    local start end t
    start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  echo "$best"
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

kinds=(measure project)
measure=(fixtures/kitakami-r6-4-1.pdf fixtures/sample-r5-2-3.pdf)
project=(fixtures/projects/excel-a1.pdf fixtures/projects/excel-a2.pdf fixtures/projects/excel-b1.pdf
         fixtures/projects/excel-b2.pdf fixtures/projects/lo-a1.pdf)
ikeda=()
if [ -d "$shared/corpus/ja-eval" ]; then
  kinds+=(form)
  ikeda=("$shared"/corpus/ja-eval/ikeda__*.pdf)
fi
printf '%-8s %6s %12s %12s %8s %10s\n' book pages ms/page pdftotext ratio peakRSS
for kind in "${kinds[@]}"; do
  for pages in 50 150 450; do
    case $kind in
      measure) file=$(book measure "$pages" "${measure[@]}"); cmd=("$bin" -j "$jobs" "$file" -f ndjson) ;;
      project) file=$(book project "$pages" "${project[@]}"); cmd=("$bin" -j "$jobs" "$file" -f ndjson) ;;
      form) file=$(book form "$pages" "${ikeda[@]}"); cmd=("$bin" form -j "$jobs" "$file" -f ndjson) ;;
    esac
    ours=$(seconds "${cmd[@]}")
    ref=$(seconds pdftotext -layout "$file" -)
    rss=$(peak_kb "${cmd[@]}")
    printf '%-8s %6d %10.2fms %10.2fms %7.2fx %8sKB\n' "$kind" "$pages" \
      "$(echo "$ours * 1000 / $pages" | bc -l)" "$(echo "$ref * 1000 / $pages" | bc -l)" \
      "$(echo "$ours / $ref" | bc -l)" "$rss"
  done
done
