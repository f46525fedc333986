#!/usr/bin/env bash
# Upload throughput against peer tools, one run on loopback against the embedded S3 server
# (report, not assert). Writes benches/upload-results.md.
#   single PUT of SIZE: s3share (pre-signed PUT, streamed) vs curl -T to a URL made the same way
#   multipart of SIZE:  s3share upload vs aws s3 cp vs rclone copyto
# Peak RSS of each s3share run from /usr/bin/time. Usage: bash benches/upload.sh [SIZE_MIB]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/s3share-target}"
export AWS_EC2_METADATA_DISABLED=true

for tool in curl rclone /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install curl rclone time)"; exit 1; }
done
venv="$HOME/.cache/s3share-bench-venv"
if [ ! -x "$venv/bin/aws" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q boto3 awscli
fi
cargo build --release --quiet --bin s3share
bin="$CARGO_TARGET_DIR/release/s3share"

work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo-server --port 0 --dir "$work/storage" > "$work/server.txt" &
server_pid=$!
for _ in $(seq 50); do grep -q AWS_REGION "$work/server.txt" 2>/dev/null && break; sleep 0.1; done
eval "$(grep '^export ' "$work/server.txt")"
export HOME="$work/home"; mkdir -p "$HOME"
"$bin" ls s3://demo >/dev/null
mkdir -p "$work/storage/bench"

head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$work/file.bin"
sync

# seconds and peak RSS (KiB) of one command
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
  # Only the "seconds KiB" line: rclone can write a log line into the same file.
  grep -E '^[0-9.]+ [0-9]+$' "$work/time.txt" | tail -n 1
}
mibps() { python3 -c "print(f'{$SIZE_MIB/$1:.0f}')"; }

read -r s3_single_s s3_single_kib < <(measure "$bin" upload --multipart-above 100GiB "$work/file.bin" s3://bench/single/)
url=$("$bin" upload-link --replace s3://bench/curl.bin --content-type application/octet-stream)
read -r curl_s _ < <(measure curl --fail -sS -T "$work/file.bin" -H "Content-Type: application/octet-stream" "$url")

read -r s3_multi_s s3_multi_kib < <(measure "$bin" upload --jobs 4 --part-size 16MiB "$work/file.bin" s3://bench/multi/)
read -r aws_s _ < <(measure "$venv/bin/aws" s3 cp --only-show-errors "$work/file.bin" s3://bench/aws.bin --endpoint-url "$AWS_ENDPOINT_URL")
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$AWS_ENDPOINT_URL" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
  RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
read -r rclone_s _ < <(measure rclone copyto --s3-upload-concurrency 4 --s3-chunk-size 16M "$work/file.bin" bench:bench/rclone.bin)

ratio() { python3 -c "print(f'{$2/$1:.2f}')"; }
{
  echo "# Upload benchmark"
  echo
  echo "Loopback, embedded S3 server (s3s-fs, writing to disk), $(nproc) cores, ${SIZE_MIB} MiB file, $(date -u +%Y-%m-%d)."
  echo "Throughput ratio = s3share throughput / peer throughput (higher is better)."
  echo
  echo "| transfer | s3share | peer | ratio | goal | s3share peak RSS |"
  echo "|---|---|---|---|---|---|"
  echo "| single pre-signed PUT | ${s3_single_s} s ($(mibps "$s3_single_s") MiB/s) | curl -T ${curl_s} s ($(mibps "$curl_s") MiB/s) | $(ratio "$s3_single_s" "$curl_s") | ≥ 0.9 | $((s3_single_kib / 1024)) MiB |"
  echo "| multipart, 4 parts at once | ${s3_multi_s} s ($(mibps "$s3_multi_s") MiB/s) | aws s3 cp ${aws_s} s ($(mibps "$aws_s") MiB/s) | $(ratio "$s3_multi_s" "$aws_s") | ≥ 1.0 | $((s3_multi_kib / 1024)) MiB |"
  echo "| multipart, 4 parts at once | ${s3_multi_s} s | rclone copyto ${rclone_s} s ($(mibps "$rclone_s") MiB/s) | $(ratio "$s3_multi_s" "$rclone_s") | ≥ 1.0 | |"
} > benches/upload-results.md
cat benches/upload-results.md
