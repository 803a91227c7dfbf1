#!/usr/bin/env bash
# Installs what building and testing trustc needs, only if it is missing: LibYAML's headers
# (Debian's libyaml-dev, Homebrew's libyaml) and the Python packages the tests use to check
# rendered output against JSON Schemas, and the examples' GitHub Actions workflow and pre-commit
# configuration (check-jsonschema's vendored workflow schema and pre-commit's own validator,
# both offline). Safe to run repeatedly.
set -euo pipefail

if ! pkg-config --exists yaml-0.1 2>/dev/null; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq libyaml-dev pkg-config >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    brew install libyaml pkg-config
  else
    echo "bootstrap: install LibYAML's development files (libyaml-dev) and pkg-config" >&2
    exit 2
  fi
fi

if ! python3 -c 'import jsonschema, yaml, cryptography' 2>/dev/null; then
  python3 -m pip install --quiet jsonschema pyyaml cryptography
fi

if ! python3 -c 'import check_jsonschema, pre_commit' 2>/dev/null; then
  python3 -m pip install --quiet check-jsonschema pre-commit
fi
