#!/usr/bin/env bash
# Installs the independent implementations the interop tests (*InteropIT, -Pinterop) run against:
# Debian packages listed in interop/apt-packages.txt and every npm project under interop/npm/.
# Idempotent, and quick once installed; .ci/run calls it before the test command.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

mapfile -t packages < <(grep -v '^\s*#' "$here/apt-packages.txt" | grep -v '^\s*$' || true)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "interop: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

for dir in "$here"/npm/*/; do
  [ -f "$dir/package.json" ] || continue
  # npm ci starts from nothing every time: skip a folder whose node_modules was installed from
  # this very package-lock.json (the stamp is written only after a successful npm ci).
  stamp="$dir/node_modules/.interop-installed"
  lock="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
    continue
  fi
  echo "interop: npm ci in ${dir#"$here"/}" >&2
  # --ignore-scripts: some partners' install scripts download binaries from outside the registry.
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  echo "$lock" > "$stamp"
done
