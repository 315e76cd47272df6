#!/usr/bin/env bash
# Whole-process time of two builds of sheet-extract on the same fixtures, in the same run:
# the median of RUNS runs each (interleaved), and new/old per fixture.
#
#   bench/versus.sh OLD_BINARY [NEW_BINARY] [RUNS]     (default: target/release, 25 runs)
#
# e.g. git worktree add /tmp/old <commit> && (cd /tmp/old && cargo build --release)
#      bench/versus.sh /tmp/old/target/release/sheet-extract
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=${2:-target/release/sheet-extract}
runs=${3:-25}
files=(fixtures/kitakami-r6-4-1.pdf fixtures/sample-r5-2-3.pdf fixtures/generated/gen-005.pdf
       fixtures/generated/gen-018.pdf)

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-36s %10s %10s %8s\n' file old new new/old
for f in "${files[@]}"; do
  : > /tmp/versus.old; : > /tmp/versus.new
  for _ in $(seq "$runs"); do
    for which in old new; do
      bin=$old; [ "$which" = new ] && bin=$new
      start=$(now); "$bin" "$f" --format json >/dev/null 2>&1; end=$(now)
      echo $(( (end - start) / 1000 )) >> "/tmp/versus.$which"
    done
  done
  o=$(median < /tmp/versus.old); n=$(median < /tmp/versus.new)
  printf '%-36s %8.2fms %8.2fms %7.2fx\n' "$f" "$(echo "$o/1000" | bc -l)" "$(echo "$n/1000" | bc -l)" "$(echo "$n/$o" | bc -l)"
done
