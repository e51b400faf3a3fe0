#!/usr/bin/env bash
# Installs the Debian packages libenforce needs, and only those missing.
# Idempotent; works as root or through sudo; waits for another apt/dpkg.
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config
          libglib2.0-dev libyaml-dev libcmocka-dev swig
          python3-dev python3-pytest default-jdk-headless junit5)
if [ "${ENFORCE_QUALITY_TOOLS:-0}" = 1 ]; then
  packages+=(clang libclang-rt-14-dev valgrind gcovr)
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
apt_opts=(-o DPkg::Lock::Timeout=300 -q)
"${sudo[@]}" apt-get "${apt_opts[@]}" update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
