#!/usr/bin/env bash
# The window's screenshots at three sizes, dark and light, English and German, as a new user
# sees it: demo storage, the sample picture selected (with its preview) and a link just copied.
#
#   bash docs/screenshots/take.sh BINARY OUT_DIR
#
# Runs inside its own D-Bus session, unlocked throwaway keyring and 1920×1080 Xvfb screen;
# HOME is a fresh folder per shot, so nothing of the user's is read or changed.
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
mkdir -p "$out"
if [ -z "${S3SHARE_SHOTS_SESSION:-}" ]; then
  export S3SHARE_SHOTS_SESSION=1
  exec dbus-run-session -- xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

shot() { # size theme language
  local size=$1 theme=$2 lang=$3 width height home wid pid
  width=${size%x*}
  height=${size#*x}
  home="$scratch/home-$size-$theme-$lang"
  mkdir -p "$home/.config/s3share"
  printf 'theme = "%s"\nlanguage = "%s"\n' "$theme" "$lang" >"$home/.config/s3share/settings.toml"
  eval "$(printf 'throwaway\n' | HOME="$home" gnome-keyring-daemon --unlock --components=secrets)" || true
  HOME="$home" LANG=C.UTF-8 "$bin" >"$scratch/log-$size-$theme-$lang" 2>&1 &
  pid=$!
  wid=""
  for _ in $(seq 100); do
    wid=$(xdotool search --name "S3 Share" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.2
  done
  [ -n "$wid" ] || { echo "no window for $size $theme $lang" >&2; kill "$pid"; return 1; }
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "$width" "$height"
  sleep 3
  # The sample picture is the third row; select it with the keyboard, then copy its link.
  xdotool windowfocus "$wid" 2>/dev/null || true
  xdotool key --window "$wid" Down Down Down
  sleep 2
  xdotool key --window "$wid" ctrl+shift+c
  sleep 2
  import -window "$wid" "$out/window-$size-$theme-$lang.png"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "$out/window-$size-$theme-$lang.png"
}

for lang in en de; do
  for theme in dark light; do
    for size in 800x600 1280x800 1920x1080; do
      shot "$size" "$theme" "$lang"
    done
  done
done
