#!/usr/bin/env bash
# `sheet-extract form` on a real one-page 池田市 project sheet against extraction of measure
# sheets, each as a ratio to `pdftotext -layout` on the same file, measured in the same run
# (issue 17: form's ratio within 1.5× of the measure sheets').
#
#   bench/form.sh [BINARY]        (default: target/release/sheet-extract, built here)
#
# Needs: poppler-utils (pdftotext), bc; ../shared/corpus/ja-eval.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then cargo build --release --quiet; bin=target/release/sheet-extract; fi
shared=../shared; [ -d "$shared" ] || shared=../../shared   # a worktree beside the checkout
form_file=$shared/corpus/ja-eval/ikeda__r7-001-jimujigyo-mokuhyo-settei.pdf
"$bin" form "$form_file" >/dev/null
measures=(fixtures/kitakami-r6-4-1.pdf fixtures/sample-r5-2-3.pdf)

# CPU seconds (user + system) per run of "$@", best of 5 rounds of 50 runs: CPU time, not
# wall time, so that other work on the machine moves the figures less.
per_run() {
  local best=999 times
  times=$(mktemp)
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%U %S' -o "$times" bash -c \
      'for _ in $(seq 50); do "$@" >/dev/null 2>&1; done' _ "$@"
    local t
    t=$(awk '{print ($1 + $2) / 50}' "$times")
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  rm -f "$times"
  echo "$best"
}
row() { # label, ours, reference: prints the row, echoes nothing
  printf '%-58s %8.2fms %8.2fms %7.2fx\n' "$1" "$(echo "$2*1000" | bc -l)" \
    "$(echo "$3*1000" | bc -l)" "$(echo "$2/$3" | bc -l)"
}

printf '%-58s %10s %10s %8s\n' 'run (CPU time per run)' sheet-extract pdftotext ratio
ours=$(per_run "$bin" form "$form_file"); ref=$(per_run pdftotext -layout "$form_file" -)
row "form $(basename "$form_file")" "$ours" "$ref"
form_ratio=$(echo "$ours/$ref" | bc -l)
sum=0
for f in "${measures[@]}"; do
  ours=$(per_run "$bin" "$f" --format json); ref=$(per_run pdftotext -layout "$f" -)
  row "extract $(basename "$f")" "$ours" "$ref"
  sum=$(echo "$sum + $ours/$ref" | bc -l)
done
measure_ratio=$(echo "$sum / ${#measures[@]}" | bc -l)
printf 'form ratio / measure ratio: %.2f (target: at most 1.5)\n' \
  "$(echo "$form_ratio / $measure_ratio" | bc -l)"
