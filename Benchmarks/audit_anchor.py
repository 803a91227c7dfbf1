#!/usr/bin/env python3
"""The Python anchor of the `audit` benchmark: the signer audit a platform engineer would write
in an afternoon instead of adopting trustc.

    python3 Benchmarks/audit_anchor.py POLICY_DIR INVENTORY [--now YYYY-MM-DD]

PyYAML with the C loader (yaml.CSafeLoader) for the policy, the `json` module for the inventory
(one `notation inspect -o json` document per line, with `reference`), `cryptography` for the
trust-store certificates' dates, and the same matching as `trustc audit` (docs/commands/audit.md):
a signature belongs to an identity when its chain holds one of the identity's certificates (by
SHA-256 fingerprint) and the leaf's subject has every attribute of the identity's subject; then
unexpected-signer, unknown-signer, unsigned (an error where a namespace the owning team runs in
denies on a cluster trusting the registry's environment), unowned-repository, retiring-root and
foreign-registry, each once per image reference and signature. It prints the findings as
`trustc audit --format json` does, sorted the same way. No validation, no source locations, no
located errors: a malformed line is counted and skipped. It reads the inventory line by line,
as trustc streams it.
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import sys

from cryptography import x509

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "python_renderer"))
from render import load  # noqa: E402  the Python renderer's loader: PyYAML's C loader over every file

KINDS = ["unexpected-signer", "unknown-signer", "unsigned", "unowned-repository", "retiring-root", "foreign-registry"]
CODES = {kind: f"TA00{n}" for n, kind in enumerate(KINDS, 1)}
DEFAULT_EXCLUDED = ["kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"]


def parse_dn(text, separator=","):
    """Go's pkix.Name.String() (or a subject written `C=US, ST=WA`) as (type, value) pairs."""
    pairs, current, escaped = [], [], False
    for c in text:
        if escaped:
            current.append(c)
            escaped = False
        elif c == "\\":
            escaped = True
        elif c in ",+":
            pairs.append("".join(current))
            current = []
        else:
            current.append(c)
    pairs.append("".join(current))
    result = []
    for pair in pairs:
        key, _, value = pair.partition("=")
        key = key.strip()
        result.append(("ST" if key == "S" else key, value.strip()))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("policies")
    parser.add_argument("inventory")
    parser.add_argument("--now", default=dt.date.today().isoformat())
    args = parser.parse_args()
    today = dt.date.fromisoformat(args.now)

    docs, paths = load(args.policies)
    org = docs["Organization"][0]["spec"]
    warning_days = int(org.get("certificateExpiryWarningDays", 30))
    excluded = set(org.get("excludedNamespaces", DEFAULT_EXCLUDED))
    environments = {name: doc["spec"] for name, doc in docs["Environment"].items()}
    registry_env = {doc["spec"]["loginServer"]: doc["spec"]["environment"] for doc in docs["Registry"].values()}
    identity_env = {name: doc["spec"]["environment"] for name, doc in docs["SigningIdentity"].items()}

    # Identities: certificate fingerprints and dates, subjects.
    by_fingerprint, subjects, retiring = {}, {}, {}
    for name, doc in docs["SigningIdentity"].items():
        spec = doc["spec"]
        subjects[name] = parse_dn(spec["subject"])
        certificates = []
        for entry in spec["certificates"]:
            with open(os.path.join(os.path.dirname(paths[("SigningIdentity", name)]), entry["file"]), "rb") as f:
                pem = f.read()
            der = base64.b64decode(b"".join(line for line in pem.splitlines() if line and not line.startswith(b"-----")))
            certificate = x509.load_der_x509_certificate(der)
            fingerprint = hashlib.sha256(der).hexdigest()
            by_fingerprint.setdefault(fingerprint, set()).add(name)
            certificates.append((fingerprint, certificate.not_valid_before_utc, certificate.not_valid_after_utc))
        for fingerprint, before, after in certificates:
            newer = any((b, a) > (before, after) for _, b, a in certificates)
            if newer or (after.date() - today).days <= warning_days:
                retiring[fingerprint] = name

    # Ownership, statements (trusted identities per team and environment), expected identities.
    owner, expected, trusted, namespaces_of = {}, {}, {}, {}
    for team_name in sorted(docs["Team"]):
        spec = docs["Team"][team_name]["spec"]
        for namespace in spec.get("namespaces", []):
            namespaces_of.setdefault(namespace, set()).add(team_name)
        for env in spec.get("environments", []):
            for repository in spec.get("repositories", []):
                owner.setdefault((env, repository), team_name)
            own = [i for i in spec.get("signingIdentities", []) if identity_env.get(i) == env]
            expected[(team_name, env)] = set(own)
            shared = set(environments.get(env, {}).get("signingIdentities", []))
            trusted[(team_name, env)] = shared | set(own)

    # Where an unsigned image of each team and registry environment is rejected.
    denied = set()
    for cluster in docs["Cluster"].values():
        spec = cluster["spec"]
        env = spec["environment"]
        envs = [env] + list(environments.get(env, {}).get("trustsEnvironments", []))
        for namespace in spec.get("namespaces", []):
            stage = namespace.get("stage")
            if stage is not True and stage != "deny" or namespace["name"] in excluded:
                continue
            teams = namespaces_of.get(namespace["name"], set()) | set(namespace.get("trustedTeams", []))
            for team in teams:
                for trusted_env in envs:
                    denied.add((team, trusted_env))

    findings, seen = [], set()
    images = signatures_count = malformed = 0
    signers = {}

    def report(kind, severity, reference, repository, team, identity, line, signature=None):
        key = (kind, reference, signature)
        if key not in seen:
            seen.add(key)
            findings.append((kind, severity, reference, repository, team, identity, line, signature))

    with open(args.inventory, "rb") as f:
        for number, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                document = json.loads(raw)
                reference = document["reference"]
                signatures = document.get("signatures", document.get("Signatures")) or []
                name, _, digest = reference.partition("@")
                host, _, repository = name.partition("/")
                if not digest or not repository or any(not s.get("certificates") for s in signatures):
                    raise ValueError
            except (ValueError, KeyError, TypeError, AttributeError):
                malformed += 1
                continue
            host = host.lower()
            images += 1
            signatures_count += len(signatures)
            env = registry_env.get(host)
            if env is None:
                report("foreign-registry", "warning", reference, repository, None, None, number)
                continue
            team = owner.get((env, repository))
            if team is None:
                report("unowned-repository", "warning", reference, repository, None, None, number)
                continue
            team_expected, team_trusted = expected.get((team, env), set()), trusted.get((team, env), set())
            trusted_signatures = []
            for index, signature in enumerate(signatures):
                chain = [c["SHA256Fingerprint"].lower() for c in signature["certificates"]]
                leaf = parse_dn(signature["certificates"][0]["issuedTo"])
                candidates = set()
                for fingerprint in chain:
                    candidates |= by_fingerprint.get(fingerprint, set())
                matching = sorted((-len(subjects[n]), n) for n in candidates
                                  if all(pair in leaf for pair in subjects[n]))
                key = signature.get("digest") or f"#{index}"
                if not matching:
                    report("unknown-signer", "error", reference, repository, team, None, number, key)
                    continue
                identity = matching[0][1]
                signers[identity] = signers.get(identity, 0) + 1
                if identity not in team_expected:
                    report("unexpected-signer", "error", reference, repository, team, identity, number, key)
                if identity in team_trusted:
                    anchors = [fp for fp in chain if identity in by_fingerprint.get(fp, ())]
                    trusted_signatures.append((identity, all(fp in retiring for fp in anchors)))
            if not trusted_signatures:
                severity = "error" if (team, env) in denied else "warning"
                report("unsigned", severity, reference, repository, team, None, number)
            elif all(retired for _, retired in trusted_signatures):
                report("retiring-root", "warning", reference, repository, team, min(i for i, _ in trusted_signatures), number)

    def group(finding):
        kind, identity = finding[0], finding[5]
        if identity is not None:
            return 0
        return {"unknown-signer": 1, "unowned-repository": 3, "foreign-registry": 3}.get(kind, 2)

    findings.sort(key=lambda f: (group(f), f[5] or "", f[4] is None, f[4] or "", f[3], f[2], CODES[f[0]], f[6], f[7] or ""))
    errors = sum(1 for f in findings if f[1] == "error")
    output = {
        "findings": [{"kind": f[0], "code": CODES[f[0]], "severity": f[1], "reference": f[2], "repository": f[3],
                      "team": f[4], "identity": f[5]} for f in findings],
        "summary": {"images": images, "signatures": signatures_count, "malformedLines": malformed, "errors": errors,
                    "warnings": len(findings) - errors,
                    "findings": {kind: sum(1 for f in findings if f[0] == kind) for kind in KINDS},
                    "signers": dict(sorted(signers.items()))},
    }
    json.dump(output, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 1 if errors or malformed else 0


if __name__ == "__main__":
    sys.exit(main())
