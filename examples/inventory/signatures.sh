#!/usr/bin/env bash
# Writes a registry inventory for `trustc audit --signatures`: one line per image manifest, the
# JSON `notation inspect <login server>/<repository>@<digest> -o json` prints, compacted, with
# the image's `reference` added.
#
#   examples/inventory/signatures.sh [--policies DIR] [--environment ENV] [--tagged-only] [LOGIN_SERVER...] > signatures.jsonl
#
# Registries: the login servers given, or else the registries of the policy directory (DIR,
# default `policies`): all of them, or only ENV's. They are read from what `trustc render`
# writes: every statement of ENV's trust policy is named ENV or ENV.<identity>, and its
# registry scopes are <login server>/<repository>.
#
# For each registry: `az acr repository list` names the repositories, `az acr manifest
# list-metadata` their manifests (without Notation's own signature manifests; with
# --tagged-only, only tagged ones), and `notation inspect` prints each manifest's signatures.
# Before running: `az login`, and `az acr login --name <registry>` for each registry so that
# notation finds credentials (or `notation login`). Needs az, notation (1.x or 2), jq and, to
# read the registries from the policy directory, trustc on PATH (or TRUSTC=path).
#
# A manifest notation cannot inspect is reported on standard error and skipped. notation 1.x
# prints `Warning: exceeded configured limit of max signatures` after its JSON when an image has
# more than 100 signatures (`--max-signatures`); that line is dropped.

set -euo pipefail

policies=policies
environment=
tagged_only=false
servers=()
while (($#)); do
    case "$1" in
        --policies) policies=$2; shift 2 ;;
        --environment) environment=$2; shift 2 ;;
        --tagged-only) tagged_only=true; shift ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "signatures.sh: unknown option $1" >&2; exit 64 ;;
        *) servers+=("$1"); shift ;;
    esac
done

for tool in az notation jq; do
    command -v "$tool" >/dev/null || { echo "signatures.sh: $tool is not on PATH" >&2; exit 2; }
done

if ((${#servers[@]} == 0)); then
    trustc=${TRUSTC:-trustc}
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
    "$trustc" render "$policies" --out "$out/bundles" >/dev/null
    # Each environment's trust policy names its own statements ENV or ENV.<identity>.
    mapfile -t servers < <(
        for policy in "$out"/bundles/*/_base/notation/trustpolicy.oci.json; do
            jq -r --arg env "$environment" '.trustPolicies[]
                | select($env == "" or .name == $env or (.name | startswith($env + ".")))
                | .registryScopes[] | split("/")[0]' "$policy"
        done | sort -u)
    ((${#servers[@]})) || { echo "signatures.sh: no registry${environment:+ of environment $environment} in $policies" >&2; exit 2; }
fi

if $tagged_only; then
    query='[?tags != null].digest'
else
    query="[?configMediaType != 'application/vnd.cncf.notary.signature' && artifactType != 'application/vnd.cncf.notary.signature'].digest"
fi

for server in "${servers[@]}"; do
    registry=${server%%.*}
    echo "signatures.sh: $server" >&2
    az acr repository list --name "$registry" -o tsv | while read -r repository; do
        az acr manifest list-metadata --registry "$registry" --name "$repository" --query "$query" -o tsv </dev/null |
        while read -r digest; do
            reference="$server/$repository@$digest"
            if ! json=$(notation inspect "$reference" -o json 2>/dev/null </dev/null | sed '/^Warning:/d') || [[ -z $json ]]; then
                echo "signatures.sh: notation could not inspect $reference" >&2
                [[ -n $json ]] || continue
            fi
            jq -c --arg reference "$reference" '. + {reference: $reference}' <<<"$json"
        done
    done
done
