#!/usr/bin/env bash
# Draws docs/img/digest.png: the offline demo's digest from a real run of the binary
# (`poll --once`, then `digest --print`), shown as Telegram shows a bot's message — a white
# bubble on the chat background, bold, italics and links as Telegram styles them.
# Not run by CI. Needs cargo, python3 and Chromium (Debian: apt-get install -y chromium
# fonts-noto-color-emoji). Usage: docs/render_digest.sh [LANG] [OUT.png]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
lang=${1:-en}
out=${2:-$root/docs/img/digest.png}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --quiet --manifest-path "$root/Cargo.toml" --bin claimwatch
bin="$root/target/debug/claimwatch"
(cd "$work" && "$bin" --config "$root/config/demo.toml" poll --once >/dev/null)
(cd "$work" && "$bin" --config "$root/config/demo.toml" digest --print --lang "$lang") >"$work/digest.html"

python3 - "$work/digest.html" "$work/page.html" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
parts = [p.strip("\n") for p in re.split(r"^──── message \d+ of \d+ ────$", text, flags=re.M)]
clock = re.search(r"\b(\d\d:\d\d)\b", text)
clock = clock.group(1) if clock else ""
bubbles = "".join(
    '<div class="bubble"><div class="who">Claimwatch</div>'
    + p.replace("\n", "<br>")
    + '<div class="time">' + clock + '</div></div>'
    for p in parts if p.strip()
)
open(sys.argv[2], "w", encoding="utf-8").write("""<!doctype html><meta charset="utf-8">
<style>
 body { margin: 0; background: #8fb48a linear-gradient(160deg, #a9c99a, #7fa88a); }
 .chat { width: 560px; padding: 14px 12px 6px; }
 .bubble { background: #fff; border-radius: 14px 14px 14px 4px; padding: 8px 12px 6px;
   margin-bottom: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.18); font: 15px/1.38 "DejaVu Sans",
   "Noto Color Emoji", sans-serif; color: #000; word-wrap: break-word; }
 .who { color: #3a8fd4; font-weight: bold; font-size: 14px; margin-bottom: 2px; }
 a { color: #168acd; text-decoration: none; }
 .time { text-align: right; color: #9aa5ad; font-size: 12px; margin-top: -2px; }
</style>
<div class="chat">""" + bubbles + """</div>
<script>document.title = document.querySelector('.chat').scrollHeight;</script>
""")
PY

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars
  --user-data-dir="$work/profile")
height=$(chromium "${flags[@]}" --virtual-time-budget=2000 --dump-dom "file://$work/page.html" 2>/dev/null |
  sed -n 's:.*<title>\([0-9]*\)</title>.*:\1:p')
chromium "${flags[@]}" --force-device-scale-factor=2 --window-size="584,${height:-1200}" \
  --screenshot="$out" "file://$work/page.html" 2>/dev/null
echo "wrote $out (${height:-?} px tall)"
