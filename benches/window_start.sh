#!/usr/bin/env bash
# The real window's start and idle cost (report, never assert), measured from outside the
# process under a throwaway desktop session (Xvfb, software OpenGL):
#
#   bash .ci/with-desktop-session bash benches/window_start.sh BIN [RUNS]
#
# BIN is a release s3share. Each run starts the window with no connection (it opens demo
# storage, as a fresh install does) and prints nothing of its own; the script prints
#   window_first_frame_ms=…   median of RUNS: process start → the app's "first frame" log line
#   window_mapped_ms=…        median of RUNS: process start → xdotool finds the visible window
#   window_idle_cpu_pct=…     largest of RUNS: CPU (user + system, all threads) over 10 s,
#                             from 2 s after the first frame, as % of one core
#   window_start_cpu_ms=…     median of RUNS: CPU used up to 2 s after the first frame
# One warm-up run first (demo storage is made then, and the binary is read into the cache).
set -euo pipefail
bin=$1
RUNS=${2:-5}
IDLE_SECONDS=10
[ -n "${DISPLAY:-}" ] || { echo "needs a display: run under .ci/with-desktop-session" >&2; exit 1; }
for tool in xdotool xprop; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install xdotool x11-utils)" >&2; exit 1; }
done
export HOME="${S3SHARE_TEST_HOME:-$(mktemp -d)}"
python3 - "$bin" "$RUNS" "$IDLE_SECONDS" <<'PY'
import os, statistics, subprocess, sys, threading, time

binary, runs, idle_seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
tick = os.sysconf("SC_CLK_TCK")
# No AWS_* keys from the caller (benches/all.sh exports its server's): the window starts as
# a fresh install does, on demo storage.
env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
env["S3SHARE_LOG"] = "warn,s3share_gui=info"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime, stime


def visible(pid):
    found = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid), "--name", "S3 Share"],
        capture_output=True, text=True)
    return found.returncode == 0 and found.stdout.strip() != ""


def one_run(measure_idle):
    start = time.perf_counter()
    app = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    first_frame_seen = threading.Event()
    seen_at, log = [], []

    def read_log():  # also keeps the pipe drained while the window idles
        for line in app.stderr:
            log.append(line)
            if not seen_at and "first frame" in line:
                seen_at.append(time.perf_counter() - start)
                first_frame_seen.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        mapped = None
        deadline = start + 60
        while mapped is None or not first_frame_seen.is_set():
            if time.perf_counter() > deadline or app.poll() is not None:
                app.wait(timeout=5)
                raise SystemExit(f"the window did not show a first frame (exit {app.poll()}): "
                                 + "".join(log[-5:]))
            if mapped is None and visible(app.pid):
                mapped = time.perf_counter() - start
            else:
                first_frame_seen.wait(0.005)
        first_frame = seen_at[0]
        time.sleep(max(0.0, start + first_frame + 2 - time.perf_counter()))
        settled = cpu_seconds(app.pid)
        idle = None
        if measure_idle:
            t = time.perf_counter()
            time.sleep(idle_seconds)
            idle = (cpu_seconds(app.pid) - settled) / (time.perf_counter() - t) * 100
        return first_frame * 1000, mapped * 1000, idle, settled * 1000
    finally:
        app.terminate()
        app.wait(timeout=20)


# Xvfb resets when its last client leaves, and a window started during the reset cannot
# connect: one client stays connected for the whole measurement.
keeper = subprocess.Popen(["xprop", "-root", "-spy"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
time.sleep(0.2)
one_run(False)
results = [one_run(True) for _ in range(runs)]
median = lambda i: statistics.median(r[i] for r in results)
keeper.terminate()
print(f"window_first_frame_ms={median(0):.0f}")
print(f"window_mapped_ms={median(1):.0f}")
print(f"window_idle_cpu_pct={max(r[2] for r in results):.1f}")
print(f"window_start_cpu_ms={median(3):.0f}")
PY
