#!/usr/bin/env bash
# Kills a build (SIGKILL, from strace) as it enters the system call that swaps the new site in,
# then checks that the output holds the old site or the new one, whole, and that the next build
# finishes. The tests stop builds with the writer's own setting (site::write::fault); this
# checks the same from outside the program, at the system call itself.
set -euo pipefail
binary="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r content "$work/"
[ -d templates ] && cp -r templates "$work/"
"$binary" build --root "$work" >/dev/null
old="$(cd "$work/output" && find . -type f -print0 | sort -z | xargs -0 sha256sum)"
sed -i 's/^title: /title: 改名 /' "$work/content/site.yaml"
if strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:signal=SIGKILL:when=1 \
  "$binary" build --root "$work" >/dev/null 2>&1; then
  echo "the build was not killed" >&2
  exit 1
fi
now="$(cd "$work/output" && find . -type f -print0 | sort -z | xargs -0 sha256sum)"
if [ "$now" != "$old" ] && ! grep -q "改名" "$work/output/index.html"; then
  echo "after the kill the output is neither the old site nor the new one" >&2
  exit 1
fi
"$binary" build --root "$work" >/dev/null
grep -q "改名" "$work/output/index.html"
echo "killed at the swap: the output was whole; the next build finished"
