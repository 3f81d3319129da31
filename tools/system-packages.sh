#!/usr/bin/env bash
# Install the named Debian packages when absent (apt-get update only when needed).
# Used by `make demo` (fonts-noto-cjk: reply letters are PDFs with Chinese text) and by
# tools/test.sh (also chromium for the browser tests).
set -euo pipefail
missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
    echo "请先安装系统软件包 / install these Debian packages first: ${missing[*]}" >&2
    exit 1
fi
echo "[system-packages] installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || {
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
}
