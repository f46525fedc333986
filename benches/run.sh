#!/usr/bin/env bash
# Pre-signing benchmark against peer tools, in one run on this machine (report, not assert):
#   1. in-process: s3share's share_link (no check) vs boto3's generate_presigned_url
#   2. whole process: `s3share link --no-check` vs `aws s3 presign`
# Both sides sign for the same local endpoint (the embedded S3 server started here).
# Writes benches/results.md. Usage: bash benches/run.sh [URLS] [PROCESS_RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
URLS=${1:-5000}
RUNS=${2:-20}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/s3share-target}"
export AWS_EC2_METADATA_DISABLED=true

venv="$HOME/.cache/s3share-bench-venv"
if [ ! -x "$venv/bin/aws" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q boto3 awscli
fi

cargo build --release --quiet --bin s3share
cargo bench --quiet --bench presign --no-run
bin="$CARGO_TARGET_DIR/release/s3share"

work=$(mktemp -d)
trap 'kill "$server_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin" demo-server --port 0 --dir "$work/storage" > "$work/server.txt" &
server_pid=$!
for _ in $(seq 50); do grep -q AWS_REGION "$work/server.txt" 2>/dev/null && break; sleep 0.1; done
eval "$(grep '^export ' "$work/server.txt")"
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_ENDPOINT_URL AWS_REGION
export HOME_FOR_AWS="$work/home"; mkdir -p "$HOME_FOR_AWS"

ours_us=$(cargo bench --quiet --bench presign -- "$URLS" | sed -n 's/^s3share_presign_us_per_url=//p')

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

time_runs() { # average wall ms of RUNS runs of a command
  python3 - "$RUNS" "$@" <<'PY'
import subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
t = time.perf_counter()
for _ in range(runs):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
print(f"{(time.perf_counter() - t) * 1000 / runs:.1f}")
PY
}
ours_ms=$(HOME="$HOME_FOR_AWS" time_runs "$bin" link --no-check --expires 1d "s3://demo/Welcome to s3share.pdf")
aws_ms=$(HOME="$HOME_FOR_AWS" time_runs "$venv/bin/aws" s3 presign --endpoint-url "$AWS_ENDPOINT_URL" --expires-in 86400 "s3://demo/Welcome to s3share.pdf")

ratio() { python3 -c "print(f'{$1/$2:.4f}')"; }
{
  echo "# Pre-signing benchmark"
  echo
  echo "Run on $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); $URLS URLs in process, $RUNS process runs each."
  echo
  echo "| what | s3share | peer | s3share / peer | goal |"
  echo "|---|---|---|---|---|"
  echo "| one URL, in process | ${ours_us} µs | boto3 generate_presigned_url ${boto_us} µs | $(ratio "$ours_us" "$boto_us") | ≤ 0.0333 (1/30) |"
  echo "| one link, whole process | ${ours_ms} ms (\`s3share link --no-check\`) | \`aws s3 presign\` ${aws_ms} ms | $(ratio "$ours_ms" "$aws_ms") | ≤ 0.1 (1/10) |"
} > benches/results.md
cat benches/results.md
