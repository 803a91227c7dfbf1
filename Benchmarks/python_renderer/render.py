#!/usr/bin/env python3
"""The Python anchor of the trustc benchmark: a plain renderer of the same model.

    python3 Benchmarks/python_renderer/render.py POLICY_DIR --out OUT_DIR

This is the renderer a platform engineer would write in an afternoon instead of adopting trustc:
PyYAML with the C loader (yaml.CSafeLoader) and json, no validation beyond what a missing key
or reference makes fail, no source locations, no diagnostics. It is here so the benchmark can
say how trustc compares with the obvious alternative; it is not a second implementation and its
output is not byte-identical to trustc's (run.py checks neither). It does the same kind and
amount of work as `trustc render`, in the same layout (docs/format.md, "What the model means"):

    azure-policy/definition.json                       the custom deny-capable definition, once
    <env>/_base/kustomization.yaml                     per environment, shared by its clusters
    <env>/_base/notation/trustpolicy.json              Notation trust policy (and .oci.json)
    <env>/_base/notation/truststore/x509/<type>/<identity>/<cert>.pem
    <env>/_base/ratify/{key-management-providers,store,policy,verifier}.yaml
    <env>/<region>/<cluster>/kustomization.yaml        per cluster: a kustomize overlay of _base,
    <env>/<region>/<cluster>/azure-policy/*.json       the Audit and Deny assignments,
    <env>/<region>/<cluster>/ratify/namespaced-verifier-<ns>.yaml
                                                       a verifier for each namespace limited to
                                                       some teams (trustedTeams): their scopes only,
    <env>/<region>/<cluster>/bundle.json               the bundle's files with SHA-256 digests
    trustc-manifest.json                               every file with its digest

A cluster of environment E trusts E and E.trustsEnvironments; for each trusted environment T,
every repository of every team of T in every registry of T (a geo-replicated registry has one
login server for all its replicas) is a scope, trusted for T's shared identities plus the
team's own identities of T; scopes with the same identities and level form one policy.
"""

import argparse
import hashlib
import json
import os
import sys

import yaml

# Load with LibYAML. It reads YAML 1.1, so `off` is False and dates are date objects: the
# handful of places that care convert back below, as such a script would after the first bug.
Loader = yaml.CSafeLoader
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DEFAULT_EXCLUDED = ["kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"]


def load(policy_dir):
    docs = {"Organization": [], "Environment": {}, "Registry": {}, "SigningIdentity": {},
            "Team": {}, "Cluster": {}}
    paths = {}
    for root, dirs, files in os.walk(policy_dir):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith((".yaml", ".yml")):
                continue
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                for doc in yaml.load_all(f, Loader=Loader):
                    if not isinstance(doc, dict) or "kind" not in doc:
                        continue
                    kind = doc["kind"]
                    if kind == "Organization":
                        docs[kind].append(doc)
                    elif kind in docs:
                        docs[kind][doc["metadata"]["name"]] = doc
                        paths[(kind, doc["metadata"]["name"])] = path
    if len(docs["Organization"]) != 1:
        sys.exit("render.py: expected exactly one Organization")
    return docs, paths


def as_text(value):
    if value is False:
        return "off"
    if value is True:
        return "on"
    return str(value)


def write(out, rel, data, manifest):
    path = os.path.join(out, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(path, "wb") as f:
        f.write(data)
    digest = hashlib.sha256(data).hexdigest()
    manifest[rel] = digest
    return digest


def to_json(obj):
    return json.dumps(obj, indent=2, sort_keys=True) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policies")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    docs, paths = load(args.policies)
    org = docs["Organization"][0]
    org_name = org["metadata"]["name"]
    org_spec = org["spec"]
    excluded = org_spec.get("excludedNamespaces", DEFAULT_EXCLUDED)
    envs = docs["Environment"]
    registries = docs["Registry"]
    identities = docs["SigningIdentity"]
    teams = docs["Team"]
    clusters = docs["Cluster"]
    out = args.out
    manifest = {}

    # Resolve the model.
    registries_of = {e: [] for e in envs}
    for name, reg in registries.items():
        registries_of[reg["spec"]["environment"]].append(name)
    identities_of = {e: set() for e in envs}
    for name, ident in identities.items():
        identities_of[ident["spec"]["environment"]].add(name)
    teams_of = {e: [] for e in envs}
    for name, team in teams.items():
        for env in team["spec"].get("environments", []):
            teams_of[env].append(name)

    certs = {}  # identity -> [(store type, file name, pem bytes)]
    for name, ident in identities.items():
        spec = ident["spec"]
        base = os.path.dirname(paths[("SigningIdentity", name)])
        store_type = spec.get("trustStoreType", "ca")
        entries = []
        for cert in spec["certificates"]:
            with open(os.path.join(base, cert["file"]), "rb") as f:
                entries.append((store_type, os.path.basename(cert["file"]), f.read()))
        if "timestampAuthority" in spec:
            with open(os.path.join(base, spec["timestampAuthority"]["file"]), "rb") as f:
                entries.append(("tsa", os.path.basename(spec["timestampAuthority"]["file"]), f.read()))
        certs[name] = entries

    def trusted_envs(env):
        return [env] + list(envs[env]["spec"].get("trustsEnvironments") or [])

    def policies_for(env, only_teams=None):
        groups = {}  # (trusted env, identities, level) -> scopes
        for t in trusted_envs(env):
            t_spec = envs[t]["spec"]
            shared = set(t_spec.get("signingIdentities", []))
            level = t_spec.get("verificationLevel", "strict")
            for team_name in teams_of[t]:
                if only_teams is not None and team_name not in only_teams:
                    continue
                team = teams[team_name]["spec"]
                own = {i for i in team.get("signingIdentities", []) if i in identities_of[t] and i not in shared}
                key = (t, tuple(sorted(own)), tuple(sorted(shared | own)), level)
                for reg in registries_of[t]:
                    login = registries[reg]["spec"]["loginServer"]
                    for repo in team.get("repositories", []):
                        groups.setdefault(key, []).append(login + "/" + repo)
        policies = []
        for (t, own, ids, level), scopes in sorted(groups.items()):
            stores = []
            for i in ids:
                for store_type in sorted({c[0] for c in certs[i]}):
                    stores.append(store_type + ":" + i)
            policies.append({
                "name": ".".join((t,) + own),
                "signatureVerification": {"level": level},
                "trustStores": sorted(stores),
                "trustedIdentities": ["x509.subject: " + identities[i]["spec"]["subject"] for i in ids],
                "registryScopes": sorted(set(scopes)),
            })
        return {"version": "1.0", "trustPolicies": policies}

    def labels(env, **extra):
        d = {"app.kubernetes.io/managed-by": "trustc", "trustc.dev/environment": env}
        d.update(extra)
        return d

    def verifier(env, doc, cert_stores, namespace=None):
        metadata = {"name": "trustc-notation", "labels": labels(env)}
        if namespace is not None:
            metadata = {"name": "trustc-notation", "namespace": namespace, "labels": labels(env)}
        used = {s for p in doc["trustPolicies"] for s in p["trustStores"]}
        stores = {t: {i: p for i, p in ids.items() if t + ":" + i in used} for t, ids in cert_stores.items()}
        return {
            "apiVersion": "config.ratify.deislabs.io/v1beta1",
            "kind": "NamespacedVerifier" if namespace is not None else "Verifier",
            "metadata": metadata,
            "spec": {"name": "notation", "artifactTypes": "application/vnd.cncf.notary.signature",
                     "parameters": {"verificationCertStores": {t: v for t, v in stores.items() if v},
                                    "trustPolicyDoc": doc}},
        }

    # Per environment: the shared base.
    base_files = {}
    env_cert_stores = {}
    for env in sorted(envs):
        files = {}
        doc = policies_for(env)
        text = to_json(doc)
        files["notation/trustpolicy.json"] = text
        files["notation/trustpolicy.oci.json"] = text
        used = sorted({i for p in doc["trustPolicies"] for s in p["trustStores"] for i in [s.split(":", 1)[1]]})
        providers = []
        cert_stores = {}
        for ident in used:
            for store_type, file_name, pem in certs[ident]:
                files["notation/truststore/x509/%s/%s/%s" % (store_type, ident, file_name)] = pem
                suffix = "-tsa-" if store_type == "tsa" else "-"
                provider = ident + suffix + hashlib.sha256(pem).hexdigest()[:12]
                cert_stores.setdefault(store_type, {}).setdefault(ident, []).append(provider)
                providers.append({
                    "apiVersion": "config.ratify.deislabs.io/v1beta1",
                    "kind": "KeyManagementProvider",
                    "metadata": {"name": provider, "labels": labels(env, **{"trustc.dev/signing-identity": ident})},
                    "spec": {"type": "inline", "parameters": {"contentType": "certificate", "value": pem.decode()}},
                })
        files["ratify/key-management-providers.yaml"] = yaml.dump_all(providers, Dumper=Dumper, sort_keys=False)
        files["ratify/store.yaml"] = yaml.dump({
            "apiVersion": "config.ratify.deislabs.io/v1beta1", "kind": "Store",
            "metadata": {"name": "trustc-oras", "labels": labels(env)},
            "spec": {"name": "oras", "parameters": {"cacheEnabled": True, "ttl": 10,
                                                     "authProvider": {"name": "azureWorkloadIdentity"}}},
        }, Dumper=Dumper, sort_keys=False)
        files["ratify/policy.yaml"] = yaml.dump({
            "apiVersion": "config.ratify.deislabs.io/v1beta1", "kind": "Policy",
            "metadata": {"name": "ratify-policy", "labels": labels(env)},
            "spec": {"type": "config-policy", "parameters": {
                "artifactVerificationPolicies": {"application/vnd.cncf.notary.signature": "any"}}},
        }, Dumper=Dumper, sort_keys=False)
        files["ratify/verifier.yaml"] = yaml.dump(verifier(env, doc, cert_stores), Dumper=Dumper, sort_keys=False)
        env_cert_stores[env] = cert_stores
        files["kustomization.yaml"] = yaml.dump({
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": ["ratify/key-management-providers.yaml", "ratify/store.yaml",
                          "ratify/policy.yaml", "ratify/verifier.yaml"],
        }, Dumper=Dumper, sort_keys=False)
        digests = {}
        for rel, data in sorted(files.items()):
            digests[rel] = write(out, "%s/_base/%s" % (env, rel), data, manifest)
        base_files[env] = digests

    definition_id = "%s/providers/Microsoft.Authorization/policyDefinitions/trustc-%s-notation" % (
        org_spec.get("policyDefinitionScope", ""), org_name)
    write(out, "azure-policy/definition.json", to_json({
        "name": "trustc-%s-notation" % org_name,
        "type": "Microsoft.Authorization/policyDefinitions",
        "id": definition_id,
        "properties": {
            "displayName": "Kubernetes images must carry a trusted Notation signature (%s)" % org_name,
            "policyType": "Custom", "mode": "Microsoft.Kubernetes.Data",
            "parameters": {
                "effect": {"type": "String", "allowedValues": ["Audit", "Deny", "Disabled"], "defaultValue": "Audit"},
                "excludedNamespaces": {"type": "Array", "defaultValue": excluded},
                "namespaces": {"type": "Array", "defaultValue": []},
            },
            "policyRule": {"if": {"field": "type", "in": ["Microsoft.ContainerService/managedClusters"]},
                           "then": {"effect": "[parameters('effect')]", "details": {"templateInfo": {
                               "sourceType": "PublicURL",
                               "url": "https://ratify-project.github.io/ratify/library/default/template.yaml"}}}},
        },
    }), manifest)

    # Per cluster: an overlay of its environment's base and the Azure Policy assignments.
    for name in sorted(clusters):
        spec = clusters[name]["spec"]
        env, region = spec["environment"], spec["region"]
        if not any(region in registries[r]["spec"].get("regions", [])
                   for t in trusted_envs(env) for r in registries_of[t]):
            print("render.py: warning: cluster %s: no registry replica in %s" % (name, region), file=sys.stderr)
        prefix = "%s/%s/%s/" % (env, region, name)
        stages = {"warn": [], "deny": []}
        for ns in spec.get("namespaces") or []:
            stage = as_text(ns.get("stage", "off"))
            if stage in stages and ns["name"] not in excluded:
                stages[stage].append(as_text(ns["name"]))
        files = {}
        resources = ["../../_base"]
        for ns in spec.get("namespaces") or []:
            if ns.get("trustedTeams"):
                doc = policies_for(env, set(ns["trustedTeams"]))
                rel = "ratify/namespaced-verifier-%s.yaml" % ns["name"]
                files[rel] = yaml.dump(verifier(env, doc, env_cert_stores[env], ns["name"]),
                                       Dumper=Dumper, sort_keys=False)
                resources.append(rel)
        for stage, effect in (("warn", "Audit"), ("deny", "Deny")):
            if not stages[stage]:
                continue
            assignment = "trustc-%s-%s-%s" % (env, name, "audit" if effect == "Audit" else "deny")
            files["azure-policy/%s.json" % assignment] = to_json({
                "name": assignment,
                "type": "Microsoft.Authorization/policyAssignments",
                "scope": spec["resourceID"],
                "properties": {
                    "displayName": "%s images without a trusted signature: %s" % (effect, name),
                    "policyDefinitionId": definition_id,
                    "enforcementMode": "Default",
                    "parameters": {"effect": {"value": effect},
                                   "namespaces": {"value": sorted(stages[stage])},
                                   "excludedNamespaces": {"value": excluded}},
                    "metadata": {"assignedBy": "trustc", "environment": env, "cluster": name, "stage": stage},
                },
            })
        files["kustomization.yaml"] = yaml.dump({
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": resources,
        }, Dumper=Dumper, sort_keys=False)
        listing = [{"path": "../../_base/" + rel, "sha256": digest} for rel, digest in sorted(base_files[env].items())]
        for rel, data in sorted(files.items()):
            listing.append({"path": rel, "sha256": write(out, prefix + rel, data, manifest)})
        write(out, prefix + "bundle.json", to_json({
            "apiVersion": "trustc/v1", "kind": "BundleManifest", "cluster": name, "environment": env,
            "region": region, "resourceID": spec["resourceID"], "files": listing,
        }), manifest)

    write(out, "trustc-manifest.json", to_json({
        "apiVersion": "trustc/v1", "kind": "OutputManifest",
        "files": [{"path": rel, "sha256": digest} for rel, digest in sorted(manifest.items())],
    }), {})
    print("render.py: rendered %d files into %s (%d clusters)" % (len(manifest) + 1, out, len(clusters)))


if __name__ == "__main__":
    main()
