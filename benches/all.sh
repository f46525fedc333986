#!/usr/bin/env bash
# Every performance measure of s3share against peer tools, in one run on this machine,
# against one embedded S3 server on 127.0.0.1 that this script starts (report, never assert).
# Prints one table and writes it, with the date and machine, to benches/results.md.
#
#   bash benches/all.sh [SIZE_MIB] [RUNS] [PAIR_RUNS]
#
# Defaults: 512 MiB, 3 runs per transfer (median); the single PUT against `curl -T` and the
# multipart row against `aws s3 cp` take PAIR_RUNS (default 7) runs of each, alternating
# s3share and the peer so that both see the same load on a shared machine. The load
# average is written next to the table.
#
# Needs curl, rclone and /usr/bin/time (apt-get install curl rclone time); installs boto3 and
# awscli into ~/.cache/s3share-bench-venv with pip. The window's start and idle rows need
# xvfb-run, dbus-run-session and xdotool (benches/window_start.sh), else they say so.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
SIZE_MIB=${1:-512}
RUNS=${2:-3}
PAIR_RUNS=${3:-7}
URLS=5000
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/s3share-target}"
# HOME changes below (the tools must not read this machine's AWS or rclone config);
# cargo and rustup keep theirs.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export AWS_EC2_METADATA_DISABLED=true

for tool in curl rclone /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install curl rclone time python3-venv)"; exit 1; }
done
venv="$HOME/.cache/s3share-bench-venv"
if [ ! -x "$venv/bin/aws" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q boto3 awscli
fi

echo "building (release)…" >&2
cargo build --release --quiet --bin s3share
cargo bench --quiet --bench presign --bench gui_frame --bench files_page --no-run 2>/dev/null
bin="$CARGO_TARGET_DIR/release/s3share"

work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo-server --port 0 --dir "$work/storage" > "$work/server.txt" &
server_pid=$!
for _ in $(seq 50); do grep -q AWS_REGION "$work/server.txt" 2>/dev/null && break; sleep 0.1; done
eval "$(grep '^export ' "$work/server.txt")"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL AWS_REGION
export HOME="$work/home"; mkdir -p "$HOME"
"$bin" ls s3://demo >/dev/null
mkdir -p "$work/storage/bench"
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$AWS_ENDPOINT_URL" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
  RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
# rclone reads AWS_CA_BUNDLE and cannot use it with its own transport: run without it.
rclone_flags=(--config /dev/null -q)

head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$work/file.bin"
sync

# One run: wall seconds and peak RSS (KiB), "SECONDS KIB".
time_once() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" \
    || { echo "failed: $*" >&2; cat "$work/err.txt" >&2; exit 1; }
  # Only the "seconds KiB" line: a tool can write a log line into the same file.
  grep -E '^[0-9.]+ [0-9]+$' "$work/time.txt" | tail -n 1
}
# The median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# Median wall seconds and the largest peak RSS (KiB) of RUNS runs: "SECONDS KIB".
measure() {
  local times=() rss=0 s kib
  for _ in $(seq "$RUNS"); do
    read -r s kib < <(time_once "$@")
    times+=("$s"); [ "$kib" -gt "$rss" ] && rss=$kib
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}
# Median wall milliseconds of 20 runs of a quick command (after one warm-up).
quick_ms() {
  python3 - "$@" <<'PY'
import statistics, subprocess, sys, time
cmd = sys.argv[1:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
times = []
for _ in range(20):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(times):.1f}")
PY
}
py() { python3 -c "print($1)"; }
mib() { echo "$((${1} / 1024)) MiB"; }

load_start=$(cut -d' ' -f1 /proc/loadavg)
echo "uploads ($SIZE_MIB MiB, $RUNS runs each)…" >&2
# PAIR_RUNS runs of ours_cmd and peer_cmd (arrays), one after the other: a busy machine slows
# both alike. Sets ours_times, peer_times and ours_kib (the largest peak RSS of ours).
alternate() {
  ours_times=() peer_times=() ours_kib=0
  local s kib
  for _ in $(seq "$PAIR_RUNS"); do
    read -r s kib < <(time_once "${ours_cmd[@]}")
    ours_times+=("$s"); [ "$kib" -gt "$ours_kib" ] && ours_kib=$kib
    read -r s _ < <(time_once "${peer_cmd[@]}")
    peer_times+=("$s")
  done
}
url=$("$bin" upload-link --replace s3://bench/curl.bin --content-type application/octet-stream)
ours_cmd=("$bin" upload --multipart-above 100GiB "$work/file.bin" s3://bench/single/)
peer_cmd=(curl --fail -sS -T "$work/file.bin" -H "Content-Type: application/octet-stream" "$url")
alternate
single_times=("${ours_times[@]}") curl_times=("${peer_times[@]}") single_kib=$ours_kib
single_s=$(printf '%s\n' "${single_times[@]}" | median)
curl_s=$(printf '%s\n' "${curl_times[@]}" | median)
ours_cmd=("$bin" upload "$work/file.bin" s3://bench/multi/)
peer_cmd=("$venv/bin/aws" s3 cp --only-show-errors "$work/file.bin" s3://bench/aws.bin --endpoint-url "$AWS_ENDPOINT_URL")
alternate
multi_times=("${ours_times[@]}") aws_times=("${peer_times[@]}") multi_kib=$ours_kib
multi_s=$(printf '%s\n' "${multi_times[@]}" | median)
aws_s=$(printf '%s\n' "${aws_times[@]}" | median)
spread() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { print a "–" b }'; }
read -r rclone_s _ < <(measure env -u AWS_CA_BUNDLE rclone "${rclone_flags[@]}" copyto --ignore-times --s3-upload-concurrency 4 --s3-chunk-size 16M "$work/file.bin" bench:bench/rclone.bin)
jobs_rows=""
for jobs in 1 2 4 8; do
  read -r s kib < <(measure "$bin" upload --jobs "$jobs" "$work/file.bin" s3://bench/jobs/)
  jobs_rows+="| multipart, $jobs part(s) at once | ${s} s | | | | $(mib "$kib") |"$'\n'
done

echo "signing…" >&2
ours_us=$(cd "$repo" && cargo bench --quiet --bench presign -- "$URLS" | sed -n 's/^s3share_presign_us_per_url=//p')
boto_us=$("$venv/bin/python" - "$URLS" <<'PY'
import sys, time, boto3
from botocore.config import Config
n = int(sys.argv[1])
s3 = boto3.client("s3", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))
params = lambda i: {"Bucket": "demo", "Key": f"folder/report {i}.pdf",
                    "ResponseContentDisposition": f'attachment; filename="report {i}.pdf"'}
s3.generate_presigned_url("get_object", Params=params(0), ExpiresIn=86400)
t = time.perf_counter()
for i in range(n):
    s3.generate_presigned_url("get_object", Params=params(i), ExpiresIn=86400)
print(f"{(time.perf_counter() - t) * 1e6 / n:.2f}")
PY
)
link_ms=$(quick_ms "$bin" link --expires 1d "s3://demo/Welcome to s3share.pdf")
rclone_link_ms=$(quick_ms env -u AWS_CA_BUNDLE rclone "${rclone_flags[@]}" link --expire 1d "bench:demo/Welcome to s3share.pdf")
presign_ms=$(quick_ms "$bin" link --no-check --expires 1d "s3://demo/Welcome to s3share.pdf")
aws_presign_ms=$(quick_ms "$venv/bin/aws" s3 presign --endpoint-url "$AWS_ENDPOINT_URL" --expires-in 86400 "s3://demo/Welcome to s3share.pdf")

echo "listing 20 000 keys…" >&2
# One folder: s3s-fs walks its whole tree for every page of a listing without delimiter,
# so nested folders would measure the server. (rclone lists nothing from this server's
# buckets made on disk, so the peer is aws s3 ls.)
python3 - "$work/storage/many/scans" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
for i in range(20000):
    with open(os.path.join(sys.argv[1], f"scan {i:05d}.pdf"), "w") as f:
        f.write("x")
PY
read -r ls_s _ < <(measure "$bin" ls --recursive s3://many)
read -r aws_ls_s _ < <(measure "$venv/bin/aws" s3 ls --recursive s3://many --endpoint-url "$AWS_ENDPOINT_URL")

echo "share page…" >&2
page_out=$(cd "$repo" && cargo bench --quiet --bench files_page -- 1000)
page_ms=$(sed -n 's/^s3share_files_page_ms=//p' <<<"$page_out")
page_kb=$(sed -n 's/^s3share_files_page_bytes=//p' <<<"$page_out")

echo "window…" >&2
window=$(cd "$repo" && cargo bench --quiet --bench gui_frame 2>/dev/null | grep -E '^\|' || true)

echo "window start and idle…" >&2
if command -v xvfb-run >/dev/null && command -v dbus-run-session >/dev/null && command -v xdotool >/dev/null && command -v xprop >/dev/null; then
  start_out=$(bash "$repo/.ci/with-desktop-session" bash "$repo/benches/window_start.sh" "$bin" 5 2>/dev/null || true)
fi
first_frame_ms=$(sed -n 's/^window_first_frame_ms=//p' <<<"${start_out:-}")
mapped_ms=$(sed -n 's/^window_mapped_ms=//p' <<<"${start_out:-}")
idle_pct=$(sed -n 's/^window_idle_cpu_pct=//p' <<<"${start_out:-}")
start_cpu_ms=$(sed -n 's/^window_start_cpu_ms=//p' <<<"${start_out:-}")
load_end=$(cut -d' ' -f1 /proc/loadavg)

throughput() { py "f'{$SIZE_MIB/$1:.0f} MiB/s'"; }
faster() { py "f'{$2/$1:.2f}'"; }   # peer time / our time: above 1 = s3share faster
# Earlier runs stay below the new one (times on a shared machine vary from run to run).
earlier=""
if [ -f "$repo/benches/results.md" ]; then
  earlier=$(sed -e '1{/^# Benchmarks$/d}' -e '/^## Earlier runs$/d' -e 's/^## /### /' "$repo/benches/results.md")
fi
{
  echo "# Benchmarks"
  echo
  echo "Run on $(date -u +%Y-%m-%d) by \`bash benches/all.sh $SIZE_MIB $RUNS $PAIR_RUNS\`: $(nproc) cores, $(uname -m),"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs). One embedded S3 server (s3s-fs with demo storage's"
  echo "own multipart completion and listing, crates/core/src/demo/store.rs, on 127.0.0.1, writing to disk) for every"
  echo "tool; uploads of a ${SIZE_MIB} MiB file are the median of $RUNS runs, but for the rows against curl and"
  echo "\`aws s3 cp\`: median of $PAIR_RUNS runs each, alternating (single PUT: s3share $(spread "${single_times[@]}") s, curl"
  echo "$(spread "${curl_times[@]}") s; multipart: s3share $(spread "${multi_times[@]}") s, aws $(spread "${aws_times[@]}") s)."
  echo "Load average (1 min) $load_start at the start, $load_end at the end"
  if [ "$(py "int(max($load_start, $load_end) > $(nproc))")" = 1 ]; then
    echo "(busy: other processes shared the $(nproc) cores, so the times are noisy; the ratios are the better guide)."
  else
    echo "(quiet)."
  fi
  echo "Speed ratio = peer time / s3share time (above 1: s3share is faster); for signing the ratio is"
  echo "s3share time / peer time (below 1: s3share is faster)."
  echo
  echo "| measure | s3share | peer | ratio | goal | s3share peak RSS |"
  echo "|---|---|---|---|---|---|"
  echo "| one pre-signed PUT (\`upload --multipart-above 100GiB\`) | ${single_s} s ($(throughput "$single_s")) | curl -T ${curl_s} s ($(throughput "$curl_s")) | $(faster "$single_s" "$curl_s") | ≥ 0.95 | $(mib "$single_kib") |"
  echo "| multipart, default settings | ${multi_s} s ($(throughput "$multi_s")) | aws s3 cp ${aws_s} s ($(throughput "$aws_s")) | $(faster "$multi_s" "$aws_s") | ≥ 1.5 | $(mib "$multi_kib") |"
  echo "| multipart, default settings | ${multi_s} s | rclone copyto (4 × 16 MiB) ${rclone_s} s ($(throughput "$rclone_s")) | $(faster "$multi_s" "$rclone_s") | ≥ 1.0 | |"
  printf '%s' "$jobs_rows"
  echo "| pre-sign one URL, in process | ${ours_us} µs | boto3 generate_presigned_url ${boto_us} µs | $(py "f'{$ours_us/$boto_us:.4f}'") | ≤ 0.0333 (1/30) | |"
  echo "| \`link\`, whole process, existence checked | ${link_ms} ms | rclone link ${rclone_link_ms} ms | $(py "f'{$link_ms/$rclone_link_ms:.2f}'") | stay < 1 | |"
  echo "| \`link --no-check\`, whole process | ${presign_ms} ms | aws s3 presign ${aws_presign_ms} ms | $(py "f'{$presign_ms/$aws_presign_ms:.3f}'") | ≤ 0.1 | |"
  echo "| \`ls --recursive\`, 20 000 keys in one folder | ${ls_s} s | aws s3 ls --recursive ${aws_ls_s} s | $(py "f'{$ls_s/$aws_ls_s:.2f}'") | stay < 1 | |"
  if [ -n "$first_frame_ms" ]; then
    echo "| window start → first frame (release, Xvfb with software OpenGL, demo storage; median of 5) | ${first_frame_ms} ms (window mapped at ${mapped_ms} ms; ${start_cpu_ms} ms CPU until 2 s after) | — | | ≈ 0.5 s, stay | |"
    echo "| window idle CPU, 10 s from 2 s after the first frame (largest of 5) | ${idle_pct} % | — | | 0 %, stay | |"
  else
    echo "| window start and idle CPU | not measured (needs xvfb-run, dbus-run-session, xdotool and xprop) | — | | | |"
  fi
  echo "| share page for 1 000 files: listed, 1 001 links signed, rendered ($(py "f'{$page_kb/1000:.0f}'") KB) and uploaded (\`benches/files_page.rs\`) | ${page_ms} ms | — | | < 1 s | |"
  echo
  echo "## Window (release, 100 000 objects in one folder; milliseconds of CPU per frame)"
  echo
  echo "${window:-(gui_frame printed no table)}"
  if [ -n "$earlier" ]; then
    echo
    echo "## Earlier runs"
    echo "$earlier"
  fi
} > "$repo/benches/results.md.new"
mv "$repo/benches/results.md.new" "$repo/benches/results.md"
cat "$repo/benches/results.md"
