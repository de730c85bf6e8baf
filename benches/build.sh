#!/usr/bin/env bash
# Builds synthetic sites of 1,000 and 10,000 articles over 34 regions and prints, for each:
# a build into a new folder, a build over its own output with nothing changed, and a forced
# re-render over its own output. Figures: wall time, CPU time (user + system), pages per
# second and peak memory, as measured by GNU time.
#
#   bash benches/build.sh [WORKDIR]        (needs /usr/bin/time: apt-get install time)
#
# Nothing is deleted while measuring: on ext4 without a journal, creating files soon after
# many were deleted is several times slower (the inode allocator skips recently freed
# inodes), so each "new folder" run writes to a folder that has never existed.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-$(mktemp -d)}
cargo build --release --quiet --example synth --bin regionreport
bin=$PWD/target/release/regionreport

measure() { # label, then the command
  local label=$1; shift
  sync; sleep 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt"
  read -r wall user sys rss <"$work/time.txt"
  local pages
  pages=$(grep -oE '[0-9]+ pages' "$work/out.txt" | grep -oE '[0-9]+')
  awk -v l="$label" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v p="$pages" \
    'BEGIN { printf "| %s | %.2f s | %.2f s | %d | %d MB |\n", l, w, u + s, (w > 0 ? p / w : 0), m / 1024 }'
}

for n in 1000 10000; do
  target/release/examples/synth --articles "$n" --regions 34 "$work/site-$n" >/dev/null
done
echo "| run | wall | CPU (user+sys) | pages/s | peak memory |"
echo "|---|---|---|---|---|"
for n in 1000 10000; do
  site="$work/site-$n"
  out="$work/out-$n-$(date +%s%N)"
  measure "$n articles, new folder" "$bin" build --root "$site" --output "$out"
  measure "$n articles, nothing changed" "$bin" build --root "$site" --output "$out"
  measure "$n articles, forced re-render over own output" "$bin" build --root "$site" --output "$out" --full
done
