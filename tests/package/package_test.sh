#!/usr/bin/env bash
# The Debian package (docs/operations.md "Install"): built by CPack from the already-built tree, its
# control data and contents checked, unpacked into a throw-away root with dpkg -x (nothing on this
# machine is installed or changed, and no maintainer script runs), the installed program started on
# the installed configuration (moved to temporary state and a free loopback port) until /readyz
# answers 200, and the unit file checked with systemd-analyze verify when it is available.
#
# Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/frontdoor-package.XXXXXX)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# --- build -------------------------------------------------------------------------------------
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack could not build the package"; }
debs=("$work"/out/frontdoor_*.deb)
[ -f "${debs[0]}" ] || fail "cpack wrote no frontdoor_*.deb"
deb=${debs[0]}
pass "built $(basename "$deb")"

# --- control data ------------------------------------------------------------------------------
info=$(dpkg-deb -I "$deb")
expect_control() {
  grep -qE "$1" <<<"$info" || { echo "$info" >&2; fail "control data has nothing matching '$1'"; }
}
expect_control '^ Package: frontdoor$'
expect_control '^ Architecture: [a-z0-9]+$'
# Computed from the binary's shared libraries (dpkg-shlibdeps), plus what the scripts and tz need.
expect_control '^ Depends: .*libsqlite3-0'
expect_control '^ Depends: .*libsodium'
expect_control '^ Depends: .*libc6'
expect_control '^ Depends: .*adduser'
expect_control '^ Depends: .*tzdata'
for member in conffiles postinst prerm postrm; do
  expect_control "^ +[0-9]+ bytes, +[0-9]+ lines +\*? *$member"
done
[ "$(dpkg-deb -I "$deb" conffiles)" = "/etc/frontdoor/frontdoor.toml" ] || fail "conffiles must list exactly the config"
postinst=$(dpkg-deb -I "$deb" postinst)
grep -q 'adduser --system' <<<"$postinst" || fail "postinst does not create the frontdoor system user"
grep -q 'install -d -o frontdoor -g frontdoor -m 0750 "$state"' <<<"$postinst" || fail "postinst does not make the state folder 0750"
grep -q 'frontdoor migrate --config' <<<"$postinst" || fail "postinst does not run the migrations"
for script in postinst prerm postrm; do
  dpkg-deb -I "$deb" "$script" >"$work/$script"
  sh -n "$work/$script" || fail "$script is not valid sh"
done
pass "control data: name, computed Depends, conffiles, maintainer scripts"

# --- postinst, run against stand-ins -----------------------------------------------------------
# Every command it uses to change the system is replaced by a stub that records its arguments, so
# its logic is exercised without creating a user or touching /etc and /var on this machine.
stubs="$work/stubs"
mkdir -p "$stubs"
for cmd in getent adduser install chown chmod runuser deb-systemd-helper deb-systemd-invoke systemctl; do
  cat >"$stubs/$cmd" <<STUB
#!/bin/sh
echo "$cmd \$*" >>"\$STUB_CALLS"
case "$cmd" in
  getent) exit "\${GETENT_EXIT:-2}" ;;
  runuser) exit "\${RUNUSER_EXIT:-0}" ;;
esac
exit 0
STUB
  chmod +x "$stubs/$cmd"
done
run_postinst() {  # CALLS_FILE ARGS...: runs postinst with the stubs first on PATH
  local calls=$1; shift
  STUB_CALLS="$calls" PATH="$stubs:$PATH" sh "$work/postinst" "$@" >"$calls.out" 2>&1
}
expect_call() {  # CALLS_FILE LINE
  grep -qxF "$2" "$1" || { cat "$1" >&2; fail "postinst did not run: $2"; }
}
run_postinst "$work/calls.install" configure "" || { cat "$work/calls.install.out" >&2; fail "postinst configure failed"; }
expect_call "$work/calls.install" 'adduser --system --group --home /var/lib/frontdoor --no-create-home --gecos frontdoor service --shell /usr/sbin/nologin frontdoor'
expect_call "$work/calls.install" 'install -d -o frontdoor -g frontdoor -m 0750 /var/lib/frontdoor'
expect_call "$work/calls.install" 'chown root:frontdoor /etc/frontdoor/frontdoor.toml'
expect_call "$work/calls.install" 'chmod 0640 /etc/frontdoor/frontdoor.toml'
expect_call "$work/calls.install" 'runuser -u frontdoor -- /usr/bin/frontdoor migrate --config /etc/frontdoor/frontdoor.toml'
expect_call "$work/calls.install" 'deb-systemd-helper enable frontdoor.service'
# The user is made before the folder it owns, and the schema migrated before the service is enabled.
order=$(grep -oE '^(adduser|install|runuser|deb-systemd-helper enable)' "$work/calls.install" | tr '\n' ' ')
[ "$order" = "adduser install runuser deb-systemd-helper enable " ] || fail "postinst ran its steps in the wrong order: $order"
# An upgrade: the user exists already and is left alone.
GETENT_EXIT=0 run_postinst "$work/calls.upgrade" configure 0.0.9 || fail "postinst configure (upgrade) failed"
if grep -q '^adduser' "$work/calls.upgrade"; then fail "postinst made the user again on upgrade"; fi
expect_call "$work/calls.upgrade" 'runuser -u frontdoor -- /usr/bin/frontdoor migrate --config /etc/frontdoor/frontdoor.toml'
# A failed migration stops the configuration, says so, and never (re)starts or enables the service.
if RUNUSER_EXIT=1 run_postinst "$work/calls.failed" configure 0.0.9; then fail "postinst succeeded although the migration failed"; fi
grep -q 'database migration failed' "$work/calls.failed.out" || fail "postinst did not say the migration failed"
if grep -qE '^deb-systemd-(helper enable|invoke)' "$work/calls.failed"; then fail "postinst touched the service after a failed migration"; fi
pass "postinst: user, state folder 0750, config 0640, migration, service enabled; upgrade; failed migration"

# --- contents ----------------------------------------------------------------------------------
contents=$(dpkg-deb -c "$deb")
expect_file() {  # MODE PATH: the file is in the package, owned by root, with that mode
  grep -qE "^$1 root/root .* \./$2\$" <<<"$contents" || { echo "$contents" | head -40 >&2; fail "no $1 root/root ./$2 in the package"; }
}
expect_file '-rwxr-xr-x' 'usr/bin/frontdoor'
expect_file '-rw-r--r--' 'etc/frontdoor/frontdoor.toml'
expect_file '-rw-r--r--' 'lib/systemd/system/frontdoor.service'
expect_file '-rw-r--r--' 'usr/share/frontdoor/policies/kent/2024-fds.toml'
expect_file '-rw-r--r--' 'usr/share/frontdoor/policies/hertfordshire/2019.toml'
expect_file '-rw-r--r--' 'usr/share/frontdoor/policies/bank-holidays/england-and-wales.json'
expect_file '-rw-r--r--' 'usr/share/frontdoor/templates/layout.mustache'
expect_file '-rw-r--r--' 'usr/share/frontdoor/static/app.css'
expect_file '-rw-r--r--' 'usr/share/frontdoor/static/govuk/govuk-frontend.min.css'
expect_file '-rw-r--r--' 'usr/share/doc/frontdoor/operations.md'
# State is made by postinst for the service user, never shipped (dpkg would own and remove it).
if grep -qE '\./var/' <<<"$contents"; then fail "the package ships files under /var"; fi
pass "contents: binary, conffile, unit, policy packs, templates, static files, docs"

# --- installed into a throw-away root, started, ready ------------------------------------------
root="$work/root"
dpkg -x "$deb" "$root"
config="$work/frontdoor.toml"
# The installed config, pointed into the throw-away root; it must name no other place.
sed -e "s#\"/usr/share/frontdoor/#\"$root/usr/share/frontdoor/#" \
    -e "s#\"sqlite:/var/lib/frontdoor/#\"sqlite:$root/var/lib/frontdoor/#" \
    -e 's#^listen = .*#listen = "127.0.0.1:0"#' \
    -e 's#^url = "smtp:.*#url = ""#' \
    "$root/etc/frontdoor/frontdoor.toml" >"$config"
grep -q "sqlite:$root/var/lib/frontdoor/frontdoor.db" "$config" || fail "the installed config's database is not sqlite:/var/lib/frontdoor/frontdoor.db"
if grep -nE '^[a-z_]+ = "/' "$config" | grep -v "$root"; then fail "the installed config names a path outside /usr/share/frontdoor and /var/lib/frontdoor"; fi
mkdir -p "$root/var/lib/frontdoor"  # postinst's job on a real install
"$root/usr/bin/frontdoor" migrate --config "$config" >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log" >&2; fail "the installed frontdoor could not migrate"; }
"$root/usr/bin/frontdoor" serve --config "$config" --port-file "$work/port" >"$work/serve.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 600); do  # startup bound only: up to 60 s on a loaded machine
  if [ -s "$work/port" ]; then port=$(cat "$work/port"); break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "the installed frontdoor exited at start"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; fail "the installed frontdoor did not start listening"; }
status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1"; }
[ "$(status /readyz)" = 200 ] || fail "/readyz did not answer 200"
# The templates and static files are found where the installed config says.
[ "$(status /sign-in)" = 200 ] || fail "/sign-in (templates from /usr/share/frontdoor) did not answer 200"
[ "$(status /static/govuk/govuk-frontend.min.css)" = 200 ] || fail "static files from /usr/share/frontdoor not served"
kill -TERM "$server_pid"
wait "$server_pid" || fail "the installed frontdoor did not stop cleanly on SIGTERM"
server_pid=
pass "installed into $root: migrated, served, /readyz 200, stopped on SIGTERM"

# --- the unit file -----------------------------------------------------------------------------
unit="$root/lib/systemd/system/frontdoor.service"
for setting in 'User=frontdoor' 'StateDirectory=frontdoor' 'NoNewPrivileges=yes' 'ProtectSystem=strict' \
               'ProtectHome=yes' 'PrivateTmp=yes' 'PrivateDevices=yes' 'ProtectKernelTunables=yes' \
               'ProtectKernelModules=yes' 'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' \
               'SystemCallFilter=@system-service' 'CapabilityBoundingSet=' 'ReadWritePaths=/var/lib/frontdoor' \
               'ExecStart=/usr/bin/frontdoor serve --config /etc/frontdoor/frontdoor.toml'; do
  grep -qxF "$setting" "$unit" || fail "the unit lacks $setting"
done
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify checks that ExecStart's program exists: point it at the unpacked one, change nothing else.
  mkdir -p "$work/units"
  sed "s#^ExecStart=/usr/bin/frontdoor #ExecStart=$root/usr/bin/frontdoor #" "$unit" >"$work/units/frontdoor.service"
  if ! systemd-analyze verify "$work/units/frontdoor.service" >"$work/verify.log" 2>&1; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify found problems in frontdoor.service"
  fi
  if [ -s "$work/verify.log" ]; then cat "$work/verify.log" >&2; fail "systemd-analyze verify warned about frontdoor.service"; fi
  pass "systemd-analyze verify: frontdoor.service is clean"
else
  echo "SKIPPED: systemd-analyze is not installed, so the unit file was not verified (apt install systemd)"
fi
echo "package test passed"
