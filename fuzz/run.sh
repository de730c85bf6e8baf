#!/usr/bin/env bash
# Runs each fuzz target for a while (default 60 s): `bash fuzz/run.sh [SECONDS]`.
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz drives the compiler with nightly
# flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them. A crash leaves its input under
# fuzz/artifacts/<target>/: turn it into a regression test, then fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
export RUSTC_BOOTSTRAP=1
for target in front_matter region markdown import; do
  mkdir -p "fuzz/corpus/$target"
  cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  # The import fixtures are pages of the damage import meets: they seed its fuzzer.
  if [ "$target" = import ]; then
    cp -n tests/fixtures/import/*.txt tests/fixtures/import/*.html "fuzz/corpus/$target/"
  fi
  echo "== fuzzing $target for ${seconds}s"
  # The fuzzer's progress lines are many; its verdict is in the last ones (and the exit code).
  cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 2>&1 | tail -n 4
done
