#!/usr/bin/env bash
# Install the system tools the tests drive: Chromium (through Playwright),
# poppler-utils (pdftotext, pdftoppm), Java (the Nu Html Checker), Node with
# npm (axe-core, vnu-jar), and Noto CJK, without which Chromium prints Hangul
# as empty boxes. Uses Debian's packages, because nothing here may download a
# browser, a runtime or a font of its own.
set -euo pipefail

chromium="${CHROMIUM:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
fc-list :lang=ko 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "error: missing ${missing[*]}; install them, or set CHROMIUM=/path/to/chromium" >&2
  exit 1
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing ${missing[*]} from Debian's packages..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
