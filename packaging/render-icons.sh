#!/usr/bin/env bash
# Renders the app icon from its SVG sources into every size and format the packages use.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick 6 (imagemagick), png2icns (icnsutils).
#   apt-get install -y librsvg2-bin imagemagick icnsutils
# The renders are committed, so building a package does not need these tools.
set -euo pipefail
cd "$(dirname "$0")/.."

out=assets/icons
mkdir -p "$out"
for n in 16 32 48 64 128 256 512; do
  src=assets/icon.svg
  # 16 px has its own pixel-aligned drawing: the full design turns to mush at that size.
  [ "$n" -eq 16 ] && src=assets/icon-16.svg
  rsvg-convert -w "$n" -h "$n" "$src" -o "$out/s3share-$n.png"
done
# The window icon (crates/gui includes this file).
cp "$out/s3share-256.png" assets/icon-256.png

# Windows: one .ico with the sizes Explorer and the taskbar ask for.
im=convert; [ -x /usr/bin/convert-im6.q16 ] && im=/usr/bin/convert-im6.q16
"$im" "$out"/s3share-{16,32,48,64,128,256}.png "$out/s3share.ico"

# macOS: .icns (png2icns knows 16, 32, 48, 128, 256, 512).
png2icns "$out/s3share.icns" "$out"/s3share-{16,32,48,128,256,512}.png >/dev/null
ls -l "$out" assets/icon-256.png
