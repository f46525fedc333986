#!/usr/bin/env bash
# Builds the Debian package of s3share and checks it the way a desktop would see it:
#   1. installs what it needs (cargo-deb from crates.io; desktop-file-utils, appstream and
#      dpkg-dev from apt) when missing,
#   2. builds the release binary and the .deb (metadata: [package.metadata.deb] in Cargo.toml),
#   3. lists the package (dpkg -c), unpacks it into a throwaway root (dpkg -x) and checks
#      that the binary, desktop entry, hicolor icons and AppStream metadata are where desktops
#      look for them, that the installed copies validate, and that the installed binary runs.
# Exits non-zero with a message naming the first thing that is wrong.
#
# Usage: bash packaging/build-deb.sh [--no-build]
#   --no-build   package the release binary that is already built (cargo deb --no-build)
# Output: the .deb path on the last line; the file is in $CARGO_TARGET_DIR/debian/.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/s3share-target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
CARGO_DEB_VERSION="^3"   # the [package.metadata.deb] format this script was written against

started=$(date +%s)
step() { printf '\n== build-deb: %s\n' "$*"; }
fail() { printf '\nbuild-deb: FAILED: %s\n' "$*" >&2; exit 1; }

no_build=0
for arg in "$@"; do
  case "$arg" in
    --no-build) no_build=1 ;;
    *) fail "unknown argument '$arg' (usage: bash packaging/build-deb.sh [--no-build])" ;;
  esac
done

# --- 1. tools ---------------------------------------------------------------------------------
step "checking tools"
command -v cargo >/dev/null || fail "cargo not found: install Rust (rustup) first"
# dpkg-dev: dpkg-shlibdeps, which cargo-deb uses to turn \$auto into library dependencies.
apt_packages=(dpkg-dev desktop-file-utils appstream)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing from apt: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]} with apt-get"
fi
if ! cargo deb --version >/dev/null 2>&1; then
  echo "installing cargo-deb $CARGO_DEB_VERSION from crates.io (a few minutes, once)"
  cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION" \
    || fail "cargo install cargo-deb failed"
fi
echo "$(cargo deb --version 2>&1 | head -n1); desktop-file-utils $(dpkg-query -W -f='${Version}' desktop-file-utils); $(appstreamcli --version)"

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || fail "could not read the package version from Cargo.toml"
desktop_id=s3share.desktop
metainfo_id=io.github.s3share.S3Share.metainfo.xml
icon_sizes=(16 32 48 64 128 256 512)

# --- 2. build ---------------------------------------------------------------------------------
if [ "$no_build" -eq 0 ]; then
  step "building the release binary (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
  cargo build --release --locked --bin s3share \
    || fail "the release build failed (see the compiler output above)"
fi
[ -x "$CARGO_TARGET_DIR/release/s3share" ] \
  || fail "no release binary at $CARGO_TARGET_DIR/release/s3share (run without --no-build)"

step "packaging with cargo deb"
outdir="$CARGO_TARGET_DIR/debian"
mkdir -p "$outdir"
deb_log=$(mktemp)
trap 'rm -f "$deb_log"' EXIT
cargo deb --no-build --output "$outdir" 2>&1 | tee "$deb_log" \
  || fail "cargo deb failed (see above)"
deb=$(grep -E '\.deb$' "$deb_log" | tail -n1 | sed 's/^[[:space:]]*//')
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  deb=$(find "$outdir" -maxdepth 1 -name "s3share_${version}*.deb" -newer "$deb_log" | head -n1)
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then fail "cargo deb did not report a .deb file"; fi

# --- 3. checks --------------------------------------------------------------------------------
step "package fields"
dpkg-deb --info "$deb" >/dev/null || fail "$deb is not a valid Debian package"
for field in Package Version Architecture Maintainer Section Priority Depends Recommends Description; do
  value=$(dpkg-deb --field "$deb" "$field")
  [ -n "$value" ] || fail "control field $field is empty"
  printf '%-13s %s\n' "$field:" "$value"
done
[ "$(dpkg-deb --field "$deb" Package)" = s3share ] || fail "package name is not s3share"
case "$(dpkg-deb --field "$deb" Version)" in
  "$version"|"$version"-*) ;;
  *) fail "package version $(dpkg-deb --field "$deb" Version) does not match Cargo.toml's $version" ;;
esac
depends=$(dpkg-deb --field "$deb" Depends)
for lib in libc6 libgl1 libegl1 libxkbcommon-x11-0; do
  grep -qE "(^|[ ,])$lib([ ,(]|$)" <<<"$depends" || fail "Depends lacks $lib: $depends"
done

step "contents (dpkg -c)"
dpkg -c "$deb" || fail "dpkg -c could not list $deb"

root=$(mktemp -d)
trap 'rm -rf "$root"; rm -f "$deb_log"' EXIT
dpkg -x "$deb" "$root" || fail "dpkg -x could not unpack $deb"

step "files where desktops expect them (unpacked in $root)"
expect=(
  "usr/bin/s3share"
  "usr/share/applications/$desktop_id"
  "usr/share/metainfo/$metainfo_id"
  "usr/share/icons/hicolor/scalable/apps/s3share.svg"
  "usr/share/doc/s3share/README.md"
  "usr/share/doc/s3share/copyright"
)
for n in "${icon_sizes[@]}"; do expect+=("usr/share/icons/hicolor/${n}x${n}/apps/s3share.png"); done
for f in "${expect[@]}"; do
  [ -s "$root/$f" ] || fail "missing or empty in the package: /$f"
  echo "ok  /$f"
done
[ -x "$root/usr/bin/s3share" ] || fail "/usr/bin/s3share is not executable"
for n in "${icon_sizes[@]}"; do
  f="$root/usr/share/icons/hicolor/${n}x${n}/apps/s3share.png"
  # PNG signature, then IHDR width and height as big-endian 32-bit numbers at bytes 16..23.
  [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$f is not a PNG"
  read -r w h < <(od -An -tu1 -j16 -N8 "$f" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  if [ "$w" != "$n" ] || [ "$h" != "$n" ]; then fail "${n}x${n}/apps/s3share.png is ${w}x${h}"; fi
done
echo "ok  icon sizes match their hicolor folders"
grep -q '<svg' "$root/usr/share/icons/hicolor/scalable/apps/s3share.svg" || fail "s3share.svg is not an SVG"

desktop="$root/usr/share/applications/$desktop_id"
exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n1)
[ -x "$root/usr/bin/$exec_bin" ] || fail "desktop entry runs '$exec_bin', which is not in /usr/bin of the package"
icon_name=$(sed -n 's/^Icon=//p' "$desktop" | head -n1)
[ -f "$root/usr/share/icons/hicolor/scalable/apps/$icon_name.svg" ] \
  || fail "desktop entry names icon '$icon_name', which the package does not install"
grep -q "<launchable type=\"desktop-id\">$desktop_id</launchable>" "$root/usr/share/metainfo/$metainfo_id" \
  || fail "the metainfo's launchable does not name $desktop_id"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$metainfo_id" \
  || fail "the metainfo has no <release> for version $version"
echo "ok  desktop entry, icon name and metainfo agree (Exec=$exec_bin, Icon=$icon_name)"

step "desktop-file-validate (installed copy)"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejected /usr/share/applications/$desktop_id"
echo "ok  desktop-file-validate"

step "appstreamcli validate --no-net (installed copy)"
appstreamcli validate --no-net "$root/usr/share/metainfo/$metainfo_id" \
  || fail "appstreamcli validate rejected /usr/share/metainfo/$metainfo_id"
# validate-tree also reads the desktop entry the metainfo launches, as a software centre would.
appstreamcli validate-tree --no-net "$root" || fail "appstreamcli validate-tree rejected the unpacked package"

step "installed binary runs"
got=$("$root/usr/bin/s3share" --version 2>&1) || fail "/usr/bin/s3share --version exited non-zero: $got"
echo "$got"
[ "$got" = "s3share $version" ] || fail "/usr/bin/s3share --version printed '$got', expected 's3share $version'"
"$root/usr/bin/s3share" --help >/dev/null 2>&1 || fail "/usr/bin/s3share --help exited non-zero"
echo "ok  --version and --help"

size=$(stat -c %s "$deb")
step "passed in $(( $(date +%s) - started )) s: $(basename "$deb") ($(( size / 1024 )) KiB, $(dpkg -c "$deb" | grep -vc '/$') files)"
echo "$deb"
