#!/usr/bin/env bash
# Renders a dossier's HTML preview (`dossier preview FILE`) to a PNG with headless Chromium, to
# look at what reviewers will see. Usage: src/scripts/preview-png.sh PAGE.html OUT.png [HEIGHT]
# Installs Debian's chromium when it is missing (needs root and apt).
set -euo pipefail
page=$(realpath "$1")
out=$(realpath -m "$2")
height=${3:-4000}
# ✅ ❌ ⚠ need a colour emoji font, which a bare server lacks.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "emoji"; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# The flags keep Chromium off the network (this machine has none) and out of the user's profile.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --window-size=1200,"$height" \
  --screenshot="$out" "file://$page" 2>/dev/null
echo "wrote $out"
