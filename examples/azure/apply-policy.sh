#!/usr/bin/env bash
# Applies the Azure Policy that `trustc render` wrote into OUT, so that Azure holds exactly what
# OUT holds, whatever changed since the last run: a namespace moved back from deny to warn, a
# cluster removed from the source, an environment renamed.
#
#   examples/azure/apply-policy.sh OUT
#
# 1. Puts the organisation's custom policy definition (enforcement: custom), whole.
# 2. Puts every assignment file under OUT/*/*/*/azure-policy/, whole: `az rest --method put`
#    with the rendered `properties` replaces every field (effect, namespaces, warn, enforcement
#    mode, non-compliance message, description, metadata). Every cluster always has the same
#    assignment names; a stage without namespaces is a disabled assignment, never a missing one.
# 3. Deletes every assignment carrying trustc's metadata for this organisation
#    (metadata.assignedBy == "trustc", metadata.organization == the manifest's organization)
#    that OUT no longer holds: those of clusters taken out of the source, or moved to another
#    environment. They are found with Azure Resource Graph, across every subscription the caller
#    can read, so a cluster whose subscription no longer appears in the source is found too.
#
# Needs the Azure CLI (logged in, with the resource-graph extension: `az extension add --name
# resource-graph`) and jq. Run it from CI after `trustc render`, with the rights to write policy
# assignments on the clusters and the definition at its scope. `DRY_RUN=1` prints the calls.
set -euo pipefail

out=${1:?usage: apply-policy.sh OUT}
api=2025-03-01
arm=https://management.azure.com
manifest="$out/trustc-manifest.json"
[ -f "$manifest" ] || { echo "apply-policy: $manifest is missing; run trustc render first" >&2; exit 2; }
organization=$(jq -r '.organization' "$manifest")

run() {
  if [ "${DRY_RUN:-}" = 1 ]; then printf '%q ' "$@"; echo; else "$@"; fi
}

definition="$out/azure-policy/definition.json"
if [ -f "$definition" ]; then
  run az rest --method put --url "$arm$(jq -r '.id' "$definition")?api-version=$api" \
    --body "$(jq -c '{properties}' "$definition")" --output none
fi

rendered=$(mktemp)
trap 'rm -f "$rendered"' EXIT
find "$out" -mindepth 5 -maxdepth 5 -path '*/azure-policy/*.json' | sort | while read -r assignment; do
  id=$(jq -r '.scope + "/providers/Microsoft.Authorization/policyAssignments/" + .name' "$assignment")
  run az rest --method put --url "$arm$id?api-version=$api" --body "$(jq -c '{properties}' "$assignment")" --output none
  # Azure compares resource ids without regard to case.
  printf '%s\n' "$id" | tr '[:upper:]' '[:lower:]' >> "$rendered"
done

query="policyresources
| where type =~ 'microsoft.authorization/policyassignments'
| where tostring(properties.metadata.assignedBy) == 'trustc'
| where tostring(properties.metadata.organization) == '$organization'
| project id"
existing=$(mktemp)
trap 'rm -f "$rendered" "$existing"' EXIT
skip=()
while :; do
  page=$(az graph query -q "$query" --first 1000 "${skip[@]}" --output json)
  jq -r '.data[].id' <<<"$page" >> "$existing"
  token=$(jq -r '.skip_token // empty' <<<"$page")
  [ -n "$token" ] || break
  skip=(--skip-token "$token")
done
while read -r id; do
  lowered=$(printf '%s' "$id" | tr '[:upper:]' '[:lower:]')
  grep -qxF "$lowered" "$rendered" || run az rest --method delete --url "$arm$id?api-version=$api" --output none
done < "$existing"
