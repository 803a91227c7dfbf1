#!/usr/bin/env python3
"""Write what `kubectl` and `az` would print for a cluster running exactly its rendered bundle.

Usage:
    scripts/live-export.py BUNDLE --out DIR [--format yaml|json] [--drift]

    BUNDLE    a cluster's bundle as `trustc render` writes it (OUT/<environment>/<region>/<cluster>);
              its kustomization is followed into the environment's base, as kustomize does.
    --out     the folder to write into: `kubectl.yaml` (or `kubectl.json`), the List
              `kubectl get <the 8 Ratify kinds> -A -o yaml|json` prints, and `assignments.json`,
              the array `az policy assignment list --scope <cluster id> -o json` prints.
    --format  the kubectl file's format (default yaml).
    --drift   plant one drift of every kind (the list is in DRIFT below), as the committed
              example `examples/exports/live/drifted/` has it.

The objects are written the way the real tools print them, not the way trustc renders them: keys
sorted, kubectl's List wrapper, the fields the API server sets (uid, resourceVersion, generation,
creationTimestamp, kubectl apply's last-applied-configuration annotation, Ratify's status), and az's
flattening of each assignment's `properties` to the top level with the fields Azure sets (id,
systemData, identity, location, metadata.createdBy/createdOn/updatedBy/updatedOn, definitionVersion,
nulls). `trustc drift` must find no drift in the export of an unchanged bundle: the benchmark and the
committed examples are made with this script, independently of trustc's own code.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import uuid
from pathlib import Path

import yaml

RATIFY = "config.ratify.deislabs.io"
# The order `kubectl get` lists kinds in: the order they were asked for.
KINDS = ["KeyManagementProvider", "Verifier", "Store", "Policy", "NamespacedKeyManagementProvider",
         "NamespacedVerifier", "NamespacedPolicy", "NamespacedStore"]
APPLIED = "2026-11-20T09:00:00Z"

DRIFT = """\
missing  KeyManagementProvider prod-build-5653d3addbed (the rotation's new root never reached the cluster)
extra    Verifier verifier-notation (Ratify's Helm chart default, left installed)
extra    NamespacedVerifier trustc-notation in checkout (left behind by an earlier trustedTeams)
changed  Verifier trustc-notation: scope contosoprod.azurecr.io/payments/worker removed; trustPolicyDoc
         printed as a JSON string, as older Ratify charts store it
changed  Store trustc-oras: ttl 10 -> 60
ignored  ConfigMap ratify-configuration (not a Ratify kind)
missing  PolicyAssignment <cluster>-audit
changed  PolicyAssignment <cluster>-deny: namespace payments removed
extra    PolicyAssignment trustc-<environment>-<cluster>-legacy (an assignment of trustc's definition made by hand)
ignored  PolicyAssignment pod-security-baseline (not trustc's)
"""


def load_kustomization(directory: Path) -> list[dict]:
    """The objects kustomize would build from `directory`, in resource order."""
    kustomization = yaml.safe_load((directory / "kustomization.yaml").read_text())
    objects: list[dict] = []
    for resource in kustomization.get("resources", []):
        path = (directory / resource).resolve()
        if path.is_dir():
            objects += load_kustomization(path)
        else:
            objects += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return objects


def served(obj: dict) -> dict:
    """The object as the API server returns it to `kubectl get`."""
    result = copy.deepcopy(obj)
    metadata = result["metadata"]
    applied = json.dumps(obj, separators=(",", ":"), sort_keys=True) + "\n"
    metadata.setdefault("annotations", {})["kubectl.kubernetes.io/last-applied-configuration"] = applied
    key = f"{obj['kind']}/{metadata.get('namespace', '')}/{metadata['name']}"
    metadata["uid"] = str(uuid.uuid5(uuid.NAMESPACE_URL, key))
    metadata["resourceVersion"] = str(100000 + len(key) * 37)
    metadata["generation"] = 1
    metadata["creationTimestamp"] = APPLIED
    result["status"] = {"issuccess": True}
    if obj["kind"].endswith("KeyManagementProvider"):
        result["status"]["lastfetchedtime"] = APPLIED
    return result


class KubectlDumper(yaml.SafeDumper):
    """Multi-line strings as literal blocks, as kubectl (go-yaml) prints them."""


KubectlDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def kubectl_list(objects: list[dict]) -> dict:
    ordered = sorted(objects, key=lambda o: (KINDS.index(o["kind"]) if o["kind"] in KINDS else len(KINDS),
                                             o["metadata"].get("namespace", ""), o["metadata"]["name"]))
    return {"apiVersion": "v1", "items": [served(o) for o in ordered], "kind": "List", "metadata": {"resourceVersion": ""}}


def az_assignment(resource: dict) -> dict:
    """One element of `az policy assignment list -o json`: properties flattened, Azure's fields added."""
    scope = resource["scope"]
    flat = {
        "id": f"{scope}/providers/Microsoft.Authorization/policyAssignments/{resource['name']}",
        "identity": None,
        "location": None,
        "name": resource["name"],
        "notScopes": None,
        "scope": scope,
        "type": resource["type"],
        "definitionVersion": "1.*.*",
        "systemData": {"createdAt": "2026-11-20T09:00:00.123456+00:00", "createdBy": "deploy@contoso.com",
                       "createdByType": "User", "lastModifiedAt": "2026-11-20T09:00:00.123456+00:00",
                       "lastModifiedBy": "deploy@contoso.com", "lastModifiedByType": "User"},
    }
    if "/resourceGroups/" in scope:
        flat["resourceGroup"] = scope.split("/resourceGroups/", 1)[1].split("/", 1)[0]
    for key, value in resource["properties"].items():
        flat[key] = copy.deepcopy(value)
    flat["metadata"] = dict(flat.get("metadata", {}), createdBy="5f2a1c3e-0000-4000-8000-00000000c0de",
                            createdOn="2026-11-20T09:00:00.1234567Z", updatedBy=None, updatedOn=None)
    for message in flat.get("nonComplianceMessages") or []:
        message["policyDefinitionReferenceId"] = None
    return flat


def plant_drift(objects: list[dict], assignments: list[dict]) -> tuple[list[dict], list[dict]]:
    """One drift of every kind (see DRIFT)."""
    environment = next(o["metadata"]["labels"]["trustc.dev/environment"] for o in objects)
    objects = [o for o in objects if o["metadata"]["name"] != "prod-build-5653d3addbed"]
    verifier = next(o for o in objects if o["kind"] == "Verifier")
    document = verifier["spec"]["parameters"]["trustPolicyDoc"]
    for statement in document["trustPolicies"]:
        statement["registryScopes"] = [s for s in statement["registryScopes"] if s != "contosoprod.azurecr.io/payments/worker"]
    verifier["spec"]["parameters"]["trustPolicyDoc"] = json.dumps(document, separators=(",", ":"))
    next(o for o in objects if o["kind"] == "Store")["spec"]["parameters"]["ttl"] = 60
    objects.append({
        "apiVersion": f"{RATIFY}/v1beta1", "kind": "Verifier",
        "metadata": {"name": "verifier-notation", "labels": {"app.kubernetes.io/managed-by": "Helm"},
                     "annotations": {"meta.helm.sh/release-name": "ratify", "meta.helm.sh/release-namespace": "gatekeeper-system"}},
        "spec": {"name": "notation", "artifactTypes": "application/vnd.cncf.notary.signature",
                 "parameters": {"verificationCertStores": {"ca": {"ca-certs": ["kmp-inline-ca-0"]}},
                                "trustPolicyDoc": {"version": "1.0", "trustPolicies": [{
                                    "name": "default", "registryScopes": ["*"], "signatureVerification": {"level": "strict"},
                                    "trustStores": ["ca:ca-certs"], "trustedIdentities": ["*"]}]}}},
    })
    leftover = copy.deepcopy(next(o for o in objects if o["kind"] == "NamespacedVerifier"))
    leftover["metadata"]["namespace"] = "checkout"
    objects.append(leftover)
    objects.append({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": "ratify-configuration", "namespace": "gatekeeper-system"},
                    "data": {"config.json": "{}"}})

    audit = next(a for a in assignments if a["name"].endswith("-audit"))
    deny = next(a for a in assignments if a["name"].endswith("-deny"))
    assignments = [a for a in assignments if a is not audit]
    namespaces = deny["properties"]["parameters"]["namespaces"]["value"]
    namespaces.remove("payments")
    legacy = copy.deepcopy(deny)
    legacy["name"] = deny["name"].rsplit("-", 1)[0] + "-legacy"
    legacy["properties"]["metadata"] = {"assignedBy": "a.admin@contoso.com"}
    assignments.append(legacy)
    assignments.append({
        "name": "pod-security-baseline", "type": "Microsoft.Authorization/policyAssignments", "scope": deny["scope"],
        "properties": {"displayName": "Kubernetes cluster pod security baseline standards",
                       "policyDefinitionId": "/providers/Microsoft.Authorization/policySetDefinitions/a8640138-9b0a-4a28-b8cb-1666c838647d",
                       "enforcementMode": "Default", "parameters": {"effect": {"value": "Audit"}}},
    })
    assert environment
    return objects, assignments


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=DRIFT)
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--format", choices=["yaml", "json"], default="yaml")
    parser.add_argument("--drift", action="store_true")
    args = parser.parse_args(argv)
    if not (args.bundle / "kustomization.yaml").is_file():
        parser.error(f"{args.bundle} holds no kustomization.yaml: give a cluster's bundle directory")

    objects = load_kustomization(args.bundle)
    assignments = [json.loads(p.read_text()) for p in sorted((args.bundle / "azure-policy").glob("*.json"))]
    if args.drift:
        objects, assignments = plant_drift(objects, assignments)

    args.out.mkdir(parents=True, exist_ok=True)
    listed = kubectl_list(objects)
    if args.format == "json":
        (args.out / "kubectl.json").write_text(json.dumps(listed, indent=4, sort_keys=True) + "\n")
    else:
        (args.out / "kubectl.yaml").write_text(yaml.dump(listed, Dumper=KubectlDumper, sort_keys=True, default_flow_style=False, width=1 << 20))
    exported = sorted((az_assignment(a) for a in assignments), key=lambda a: a["name"])
    (args.out / "assignments.json").write_text(json.dumps(exported, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
