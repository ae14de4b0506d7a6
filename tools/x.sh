# Sourced by ./x: the test and bench steps. Each suite adds to PASSED/FAILED; `run_tests` ends with
# one plain "N passed, N failed" line that covers every suite.

PASSED=0
FAILED=0
SUITES_FAILED=()
OUT_DIR="$ROOT/out"
LOG_DIR="$OUT_DIR/logs"

# Sum the "test result: ... N passed; M failed" lines that cargo and wasm-bindgen-test print.
count_cargo_results() { # count_cargo_results LOGFILE → "PASSED FAILED"
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { print p + 0, f + 0 }' "$1"
}

# Run one suite: suite NAME KIND CMD...; KIND is "cargo" (parse cargo's summaries) or "plain"
# (parse a final "N passed, N failed" line).
suite() {
  local name=$1 kind=$2; shift 2
  local logf="$LOG_DIR/$name.log" rc=0 p=0 f=0
  log "suite: $name"
  set +e
  "$@" 2>&1 | tee "$logf"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$kind" = cargo ]; then
    read -r p f < <(count_cargo_results "$logf")
  else
    local line
    line=$(grep -aE '^([A-Za-z0-9_-]+: )?[0-9]+ passed, [0-9]+ failed' "$logf" | tail -n 1)
    p=$(sed -E 's/^([A-Za-z0-9_-]+: )?([0-9]+) passed.*/\2/' <<<"$line"); p=${p:-0}
    f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line"); f=${f:-0}
  fi
  # A suite that crashed before reporting counts as one failure.
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then SUITES_FAILED+=("$name"); fi
  log "suite $name: $p passed, $f failed (exit $rc)"
}

serve_dist() { # serve_dist PORT → sets SERVER_PID
  local logf="$LOG_DIR/serve-$1.log"
  python3 "$ROOT/tools/serve.py" "$ROOT/dist" "$1" >"$logf" 2>&1 &
  SERVER_PID=$!
  # Ready once *our* server says it is serving: a port answered by another process (a second
  # run on this machine) must not let the tests hit someone else's build.
  for _ in $(seq 1 50); do
    grep -q '^serving' "$logf" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.2
  done
  log "server on port $1 did not start: $(tail -n 1 "$logf" 2>/dev/null)"; return 1
}

# run_e2e SCRIPT [ARGS...]: serve the release build under its strict CSP and run one
# Playwright script against it.
run_e2e() {
  local port=${GLOSS_E2E_PORT:-8181} script=$1; shift
  serve_dist "$port" || return 1
  local rc=0
  GLOSS_URL="http://127.0.0.1:$port/" OUT_DIR="$OUT_DIR" node "$ROOT/tests/e2e/$script" "$@" || rc=$?
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  return $rc
}

run_tests() {
  mkdir -p "$LOG_DIR"
  suite native cargo cargo test --no-fail-fast --workspace --exclude gloss-app
  suite app-native cargo cargo test -p gloss-app --lib
  suite browser cargo wasm-pack test --headless --chrome --mode no-install -- -p gloss-app
  suite release plain bash -c 'trunk build --release --offline && python3 tools/size.py dist --check'
  suite e2e plain run_e2e app.e2e.mjs
  suite xss plain run_e2e xss.e2e.mjs
  suite embed plain run_e2e embed.e2e.mjs
  suite big plain run_e2e big.e2e.mjs --mb 2
  echo
  if [ ${#SUITES_FAILED[@]} -gt 0 ]; then log "failed suites: ${SUITES_FAILED[*]}"; fi
  echo "$PASSED passed, $FAILED failed"
  [ ${#SUITES_FAILED[@]} -eq 0 ]
}

# run_bench: native figures (`gloss bench`), then static/bench.html in headless Chromium (gloss
# and compromise on the same text, scaling, paste → first chips). The text is real news from
# ../shared when present (GLOSS_SHARED overrides where), else generated; its last line is
# "gloss/compromise speed ratio: N.N".
run_bench() {
  local bench="$OUT_DIR/bench" port=${GLOSS_E2E_PORT:-8182}
  mkdir -p "$LOG_DIR" "$bench"
  cargo build --release -p gloss-cli >&2
  python3 tools/bench_text.py "$bench" "${GLOSS_SHARED:-$ROOT/../shared}" target/release/gloss
  target/release/gloss bench "$bench/text.txt"
  build_release
  local logf="$LOG_DIR/bench-serve.log"
  python3 tools/bench_serve.py dist "$port" "$bench/text.txt" >"$logf" 2>&1 &
  local server=$!
  for _ in $(seq 1 50); do
    grep -q '^serving' "$logf" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.2
  done
  local rc=0
  if grep -q '^serving' "$logf" 2>/dev/null; then
    GLOSS_URL="http://127.0.0.1:$port/" node tools/bench.mjs "$bench/article.txt" || rc=$?
  else
    log "bench server on port $port did not start: $(tail -n 1 "$logf" 2>/dev/null)"; rc=1
  fi
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  return $rc
}
