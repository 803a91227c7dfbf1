#!/usr/bin/env bash
# Verifies an image on a CI host exactly as an environment's clusters would, with the Notation
# CLI and the trust policy and trust stores trustc rendered for that environment: a promotion
# gate before an image is deployed.
#
#   examples/notation/verify-image.sh OUT ENVIRONMENT IMAGE
#
#   OUT          trustc's output directory (`trustc render policies --out OUT`)
#   ENVIRONMENT  the environment whose trust applies (e.g. production)
#   IMAGE        the image, by digest (contosoprod.azurecr.io/payments/api@sha256:...)
#
# Notation reads its configuration from $XDG_CONFIG_HOME/notation (~/.config/notation). This
# script installs the environment's files into a configuration directory of its own, so the
# host's own Notation setup is never changed and two environments never mix:
#   truststore/x509/<type>/<store>/*.pem   copied as rendered (notation cert add would add the
#                                          same files one by one)
#   trustpolicy.json                       `notation policy import` of trustpolicy.oci.json on
#                                          Notation 1.2 and later, of trustpolicy.json (no
#                                          timestamp authorities) on 1.0 and 1.1; see the
#                                          README.md beside them for what 1.0/1.1 cannot enforce
# then runs `notation verify IMAGE`; its exit status is this script's. The registry credentials
# are the host's (`az acr login` or `notation login`).
set -euo pipefail

out=${1:?usage: verify-image.sh OUT ENVIRONMENT IMAGE}
environment=${2:?usage: verify-image.sh OUT ENVIRONMENT IMAGE}
image=${3:?usage: verify-image.sh OUT ENVIRONMENT IMAGE}
source="$out/$environment/_base/notation"
[ -f "$source/trustpolicy.oci.json" ] || { echo "verify-image: no trust policy for environment $environment in $source" >&2; exit 2; }

config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
mkdir -p "$config/notation"
[ -d "$source/truststore" ] && cp -R "$source/truststore" "$config/notation/truststore"

version=$(notation version | awk '/^Version:/ { print $2 }')
case "$version" in
  1.0.* | 1.1.*) policy=trustpolicy.json ;;
  *) policy=trustpolicy.oci.json ;;
esac
XDG_CONFIG_HOME="$config" notation policy import "$source/$policy"
XDG_CONFIG_HOME="$config" notation verify "$image"
