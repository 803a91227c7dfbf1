#!/usr/bin/env python3
"""Check the cross-document rules of a trustc policy directory (a stand-in for `trustc validate`).

Usage:
    Benchmarks/check-organization.py DIR [--now YYYY-MM-DD] [--quiet]

scripts/check-schemas.py checks each document against its JSON Schema; this checks what a schema
cannot, following docs/format.md, so that Benchmarks/generate-organization.py can be
verified before (and independently of) trustc itself:

    names         valid (lowercase letters, digits, '-', starting with a letter, <= 40, not
                  ending with '-'), unique per kind; exactly one Organization
    references    platformTeam, environments, trustsEnvironments, signingIdentities resolve;
                  no environment trusts itself; every environment has a registry
    ownership     every repository is a valid OCI path, owned by exactly one team; login
                  servers are unique
    identities    a team lists only identities of its environments; a production-tier
                  environment trusts only production-tier identities and environments; every
                  identity is used (warning otherwise); subjects are well-formed DNs with C, ST
                  and O and no repeated attribute; no two identities of one environment overlap
                  (one subject's attribute set a subset of another's) -- stricter than trustc,
                  which checks per Notation policy
    certificates  every file exists inside DIR, holds exactly one PEM certificate and no key, is a
                  CA (BasicConstraints CA:TRUE, keyCertSign), valid at --now and not expiring
                  within certificateExpiryWarningDays (warning); a timestamp authority is a
                  self-signed root; keyVaultVersion is 32 hex digits; Key Vault fields are
                  well-formed
    clusters      region and resourceID well-formed; namespaces valid DNS labels, unique per
                  cluster, not excluded; dates real and not after --now; deny has warnSince at
                  least minimumWarnDays before since; no warnSince on off/warn; the Azure Policy
                  assignment names trustc derives fit in 64 characters; a region without a
                  replica of a registry the cluster pulls from is a warning
    shape         (notes, not errors) what the benchmark generator promises: a team lists at most
                  two team-scoped identities; cluster namespaces are those of teams of the
                  cluster's environment

Output: `path: error|warning|note: message` lines, then a summary with counts. Exit status 1
when there is an error, else 0.

Requires Python 3.9+, PyYAML and the `cryptography` package.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

# --------------------------------------------------------------------------------------------
# YAML 1.2 core-schema loader (as trustc reads scalars: `off` and dates stay strings)


class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+.0123456789")),
]:
    Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def _int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)

# --------------------------------------------------------------------------------------------
# Formats

NAME = re.compile(r"[a-z][a-z0-9-]{0,39}")
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
REGION = re.compile(r"[a-z][a-z0-9]{0,39}")
DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
REPOSITORY_COMPONENT = re.compile(r"[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*")
LOGIN_SERVER_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
RESOURCE_ID = re.compile(
    r"/subscriptions/(?P<sub>[^/]+)/resource[Gg]roups/[-A-Za-z0-9._()]{1,90}/providers/"
    r"[Mm]icrosoft\.[Cc]ontainer[Ss]ervice/managed[Cc]lusters/(?P<name>[A-Za-z0-9]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)")
VAULT_URI = re.compile(r"https://(?P<name>[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9])\.vault\.azure\.net/?")
KV_OBJECT = re.compile(r"[0-9A-Za-z-]{1,127}")
KV_VERSION = re.compile(r"[0-9a-fA-F]{32}")
OWNER = re.compile(r"@[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)?|[A-Za-z0-9_.+-]+@[A-Za-z0-9_.-]+\.[A-Za-z0-9_.-]+")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
DEFAULT_EXCLUDED = ["kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"]


def valid_name(name: object) -> bool:
    return isinstance(name, str) and bool(NAME.fullmatch(name)) and not name.endswith("-")


def valid_repository(path: object) -> bool:
    return (isinstance(path, str) and 0 < len(path) <= 255
            and all(REPOSITORY_COMPONENT.fullmatch(component) for component in path.split("/")))


def valid_login_server(text: str) -> bool:
    host, _, port = text.partition(":")
    if port and not (port.isdigit() and 1 <= int(port) <= 65535):
        return False
    return 0 < len(host) <= 253 and all(LOGIN_SERVER_LABEL.fullmatch(label) for label in host.split("."))


def parse_dn(text: str) -> list[tuple[str, str]] | None:
    """RFC 4514-style `K=V, K=V` (backslash escapes allowed); None when malformed."""
    parts, current, escaped = [], "", False
    for char in text:
        if escaped:
            current += char
            escaped = False
        elif char == "\\":
            current += char
            escaped = True
        elif char in ",;":
            parts.append(current)
            current = ""
        elif char == "+":
            return None  # multi-valued RDN
        else:
            current += char
    parts.append(current)
    attributes = []
    for part in parts:
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value or value.startswith("#"):
            return None
        attributes.append(("ST" if key.upper() == "S" else key.upper(), value))
    return attributes


def parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not DATE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------


class Report:
    def __init__(self, root: Path, quiet: bool):
        self.root = root
        self.quiet = quiet
        self.counts: Counter[str] = Counter()
        self.by_message: Counter[tuple[str, str]] = Counter()

    def emit(self, severity: str, path: Path | None, message: str) -> None:
        self.counts[severity] += 1
        where = str(path.relative_to(self.root)) if path else str(self.root)
        if not self.quiet or severity == "error":
            print(f"{where}: {severity}: {message}")

    def error(self, path, message):
        self.emit("error", path, message)

    def warning(self, path, message):
        self.emit("warning", path, message)

    def note(self, path, message):
        self.emit("note", path, message)


def check(root: Path, now: dt.date, report: Report) -> dict[str, int]:
    documents: dict[str, dict[str, tuple[dict, Path]]] = defaultdict(dict)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    for path in files:
        try:
            loaded = list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=Yaml12Loader))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            report.error(path, f"unreadable YAML: {error}")
            continue
        for document in loaded:
            if not isinstance(document, dict) or not isinstance(document.get("metadata"), dict):
                report.error(path, "a document is not a resource mapping")
                continue
            kind, name = document.get("kind"), document["metadata"].get("name")
            if not valid_name(name):
                report.error(path, f"{kind} name {name!r} is not a valid name")
                continue
            if name in documents[kind]:
                report.error(path, f"{kind} {name} is defined twice (also in {documents[kind][name][1].relative_to(root)})")
            if not isinstance(document.get("spec"), dict):
                report.error(path, f"{kind} {name} has no spec mapping")
                continue
            documents[kind][name] = (document["spec"], path)

    organizations = documents["Organization"]
    environments = documents["Environment"]
    registries = documents["Registry"]
    identities = documents["SigningIdentity"]
    teams = documents["Team"]
    clusters = documents["Cluster"]

    # Organization
    excluded = set(DEFAULT_EXCLUDED)
    warning_days = 30
    if len(organizations) != 1:
        report.error(None, f"{len(organizations)} Organization resources; exactly one is needed")
    for name, (spec, path) in organizations.items():
        if spec.get("platformTeam") not in teams:
            report.error(path, f"platformTeam {spec.get('platformTeam')!r} is not a Team")
        if not GUID.fullmatch(str(spec.get("tenantID", ""))):
            report.error(path, "tenantID is not a GUID")
        enforcement = spec.get("enforcement", "custom")
        scope = spec.get("policyDefinitionScope")
        if enforcement == "custom":
            if not isinstance(scope, str) or not re.fullmatch(
                    r"/providers/Microsoft\.Management/managementGroups/[-\w().]{1,90}|/subscriptions/[0-9a-fA-F-]{36}", scope):
                report.error(path, f"policyDefinitionScope {scope!r} is missing or not a management group or subscription")
        excluded = set(spec.get("excludedNamespaces", DEFAULT_EXCLUDED))
        warning_days = spec.get("certificateExpiryWarningDays", 30)
        if len(f"trustc-{name}-notation") > 64:
            report.error(path, "the policy definition name would exceed 64 characters")

    # Environments
    tier = {name: spec.get("tier") for name, (spec, _) in environments.items()}
    for name, (spec, path) in environments.items():
        if spec.get("tier") not in ("production", "nonproduction"):
            report.error(path, f"environment {name}: tier {spec.get('tier')!r}")
        for identity in spec.get("signingIdentities", []):
            if identity not in identities:
                report.error(path, f"environment {name} trusts unknown identity {identity}")
            elif identities[identity][0].get("environment") != name:
                report.error(path, f"environment {name} lists {identity}, an identity of {identities[identity][0].get('environment')}")
            elif tier[name] == "production" and tier.get(identities[identity][0].get("environment")) != "production":
                report.error(path, f"production environment {name} trusts non-production identity {identity}")
        if not spec.get("signingIdentities"):
            report.warning(path, f"environment {name} has no shared signing identity")
        for trusted in spec.get("trustsEnvironments", []):
            if trusted not in environments:
                report.error(path, f"environment {name} trusts unknown environment {trusted}")
            elif trusted == name:
                report.warning(path, f"environment {name} trusts itself")
            elif tier[name] == "production" and tier[trusted] != "production":
                report.error(path, f"production environment {name} trusts non-production environment {trusted}")
        if not any(r.get("environment") == name for r, _ in registries.values()):
            report.warning(path, f"environment {name} has no registry")

    # Registries
    login_servers: dict[str, str] = {}
    for name, (spec, path) in registries.items():
        if spec.get("environment") not in environments:
            report.error(path, f"registry {name}: unknown environment {spec.get('environment')!r}")
        server = spec.get("loginServer", "")
        if not valid_login_server(server):
            report.error(path, f"registry {name}: invalid loginServer {server!r}")
        if server in login_servers:
            report.error(path, f"registry {name}: loginServer {server} also used by {login_servers[server]}")
        login_servers[server] = name
        regions = spec.get("regions", [])
        if not regions:
            report.error(path, f"registry {name} has no region")
        for region in regions:
            if not REGION.fullmatch(str(region)):
                report.error(path, f"registry {name}: invalid region {region!r}")
        if len(set(regions)) != len(regions):
            report.error(path, f"registry {name} repeats a region")

    # Identities
    subjects: dict[str, list[tuple[str, str]]] = {}
    certificate_count = 0
    for name, (spec, path) in identities.items():
        environment = spec.get("environment")
        if environment not in environments:
            report.error(path, f"identity {name}: unknown environment {environment!r}")
        dn = parse_dn(str(spec.get("subject", "")))
        if dn is None:
            report.error(path, f"identity {name}: malformed subject {spec.get('subject')!r}")
        else:
            keys = [key for key, _ in dn]
            for required in ("C", "ST", "O"):
                if required not in keys:
                    report.error(path, f"identity {name}: subject lacks {required}")
            if len(set(keys)) != len(keys):
                report.error(path, f"identity {name}: subject repeats an attribute")
            subjects[name] = dn
        if spec.get("trustStoreType", "ca") not in ("ca", "signingAuthority"):
            report.error(path, f"identity {name}: trustStoreType {spec.get('trustStoreType')!r}")
        vault = spec.get("keyVault", {})
        if not VAULT_URI.fullmatch(str(vault.get("vaultURI", ""))):
            report.error(path, f"identity {name}: vaultURI {vault.get('vaultURI')!r}")
        for field in ("keyName", "certificateName"):
            if not KV_OBJECT.fullmatch(str(vault.get(field, ""))):
                report.error(path, f"identity {name}: keyVault.{field} {vault.get(field)!r}")
        if not GUID.fullmatch(str(vault.get("clientID", ""))):
            report.error(path, f"identity {name}: keyVault.clientID is not a GUID")
        certificates = spec.get("certificates", [])
        if not certificates:
            report.error(path, f"identity {name} has no certificate")
        seen_files = set()
        for entry in certificates:
            certificate_count += 1
            version = entry.get("keyVaultVersion")
            if version is not None and not (isinstance(version, str) and KV_VERSION.fullmatch(version)):
                report.error(path, f"identity {name}: keyVaultVersion {version!r} is not 32 hex digits (as a string)")
            if entry.get("file") in seen_files:
                report.error(path, f"identity {name} lists {entry.get('file')} twice")
            seen_files.add(entry.get("file"))
            check_certificate(root, path, name, entry.get("file"), now, warning_days, report, tsa=False)
        if "timestampAuthority" in spec:
            check_certificate(root, path, name, spec["timestampAuthority"].get("file"), now, warning_days, report, tsa=True)

    # Teams
    owner_of: dict[str, str] = {}
    team_namespaces: dict[str, set[str]] = defaultdict(set)  # environment -> namespaces of its teams
    used_identities = {i for spec, _ in environments.values() for i in spec.get("signingIdentities", [])}
    repository_count = 0
    for name, (spec, path) in teams.items():
        team_environments = spec.get("environments", [])
        for owner in spec.get("owners", []):
            if not OWNER.fullmatch(str(owner)):
                report.error(path, f"team {name}: owner {owner!r}")
        if not spec.get("owners"):
            report.error(path, f"team {name} has no owner")
        for environment in team_environments:
            if environment not in environments:
                report.error(path, f"team {name}: unknown environment {environment}")
        for repository in spec.get("repositories", []):
            repository_count += 1
            if not valid_repository(repository):
                report.error(path, f"team {name}: invalid repository {repository!r}")
            if repository in owner_of:
                report.error(path, f"repository {repository} is owned by {owner_of[repository]} and {name}")
            owner_of[repository] = name
        scoped = 0
        for identity in spec.get("signingIdentities", []):
            used_identities.add(identity)
            if identity not in identities:
                report.error(path, f"team {name}: unknown identity {identity}")
                continue
            environment = identities[identity][0].get("environment")
            if environment not in team_environments:
                report.error(path, f"team {name} requests {identity} of {environment}, not one of its environments")
            if identity not in environments.get(environment, ({}, None))[0].get("signingIdentities", []):
                scoped += 1
        if scoped > 2:
            report.note(path, f"team {name} lists {scoped} team-scoped identities (the generator promises at most 2)")
        for namespace in spec.get("namespaces", []):
            if not DNS_LABEL.fullmatch(str(namespace)):
                report.error(path, f"team {name}: invalid namespace {namespace!r}")
            for environment in team_environments:
                team_namespaces[environment].add(namespace)
    for name, (_, path) in identities.items():
        if name not in used_identities:
            report.warning(path, f"identity {name} is trusted by no environment and used by no team")

    # Overlapping subjects: all identities of one environment, pairwise (a superset of every
    # Notation policy trustc can build for it).
    by_environment: dict[str, list[str]] = defaultdict(list)
    for name, (spec, _) in identities.items():
        by_environment[spec.get("environment")].append(name)
    for environment, names in by_environment.items():
        sets = {name: set(subjects[name]) for name in names if name in subjects}
        for a in sorted(sets):
            for b in sorted(sets):
                if a != b and sets[a] <= sets[b]:
                    report.error(identities[a][1], f"subject of {a} is a subset of {b}'s (both in {environment})")

    # Clusters
    namespace_count = 0
    stages: Counter[str] = Counter()
    for name, (spec, path) in clusters.items():
        environment = spec.get("environment")
        if environment not in environments:
            report.error(path, f"cluster {name}: unknown environment {environment!r}")
            continue
        region = spec.get("region")
        if not REGION.fullmatch(str(region)):
            report.error(path, f"cluster {name}: invalid region {region!r}")
        match = RESOURCE_ID.fullmatch(str(spec.get("resourceID", "")))
        if not match or not GUID.fullmatch(match.group("sub")):
            report.error(path, f"cluster {name}: invalid resourceID")
        for stage in ("audit", "deny"):
            if len(f"trustc-{environment}-{name}-{stage}") > 64:
                report.error(path, f"cluster {name}: Azure Policy assignment name would exceed 64 characters")
        environment_spec = environments[environment][0]
        minimum = environment_spec.get("minimumWarnDays", 14)
        for trusted in [environment] + list(environment_spec.get("trustsEnvironments", [])):
            for registry, (registry_spec, _) in sorted(registries.items()):
                if registry_spec.get("environment") == trusted and region not in registry_spec.get("regions", []):
                    report.warning(path, f"cluster {name} in {region} pulls from {registry}, which has no replica there")
        seen = set()
        for namespace in spec.get("namespaces", []):
            namespace_count += 1
            ns = namespace.get("name")
            stage = namespace.get("stage")
            stages[stage] += 1
            label = f"cluster {name}, namespace {ns}"
            if not isinstance(ns, str) or not DNS_LABEL.fullmatch(ns):
                report.error(path, f"{label}: invalid namespace name")
            if ns in seen:
                report.error(path, f"{label}: listed twice")
            seen.add(ns)
            if ns in excluded:
                report.warning(path, f"{label}: excluded namespace staged")
            if ns not in team_namespaces[environment]:
                report.note(path, f"{label}: not a namespace of any team of {environment}")
            if stage not in ("off", "warn", "deny"):
                report.error(path, f"{label}: stage {stage!r}")
            since = parse_date(namespace.get("since"))
            if since is None:
                report.error(path, f"{label}: since {namespace.get('since')!r} is not a real YYYY-MM-DD date")
                continue
            if since > now:
                report.error(path, f"{label}: since {since} is after {now}")
            if stage == "deny":
                warn_since = parse_date(namespace.get("warnSince"))
                if warn_since is None:
                    report.error(path, f"{label}: deny without a valid warnSince")
                    continue
                if warn_since > now:
                    report.error(path, f"{label}: warnSince {warn_since} is after {now}")
                if (since - warn_since).days < 0:
                    report.error(path, f"{label}: warnSince {warn_since} is after since {since}")
                elif (since - warn_since).days < minimum:
                    report.error(path, f"{label}: denies after {(since - warn_since).days} days in warn; {environment} needs {minimum}")
            elif "warnSince" in namespace:
                report.error(path, f"{label}: warnSince on a {stage} namespace")

    return {
        "files": len(files), "clusters": len(clusters), "namespaces": namespace_count,
        "off": stages["off"], "warn": stages["warn"], "deny": stages["deny"], "teams": len(teams),
        "repositories": repository_count, "registries": len(registries), "identities": len(identities),
        "certificates": certificate_count, "environments": len(environments),
    }


def check_certificate(root: Path, path: Path, identity: str, file: object, now: dt.date, warning_days: int,
                      report: Report, tsa: bool) -> None:
    what = f"identity {identity}: {'timestamp authority' if tsa else 'certificate'} {file}"
    if not isinstance(file, str) or not file:
        report.error(path, f"{what}: no file")
        return
    target = (path.parent / file).resolve()
    if root.resolve() not in target.parents:
        report.error(path, f"{what}: outside the policy directory")
        return
    if not target.is_file():
        report.error(path, f"{what}: missing")
        return
    data = target.read_bytes()
    if b"PRIVATE KEY" in data:
        report.error(path, f"{what}: holds a private key")
    if data.count(b"-----BEGIN CERTIFICATE-----") != 1:
        report.error(path, f"{what}: holds {data.count(b'-----BEGIN CERTIFICATE-----')} PEM certificates, not 1")
        return
    try:
        certificate = x509.load_pem_x509_certificate(data)
    except ValueError as error:
        report.error(path, f"{what}: unparseable: {error}")
        return
    try:
        constraints = certificate.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        report.error(path, f"{what}: not a CA (BasicConstraints CA:TRUE missing)")
    try:
        if not certificate.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign:
            report.error(path, f"{what}: KeyUsage lacks keyCertSign")
    except x509.ExtensionNotFound:
        pass
    not_before = certificate.not_valid_before_utc.date()
    not_after = certificate.not_valid_after_utc.date()
    if not_after <= now:
        report.error(path, f"{what}: expired on {not_after}")
    elif (not_after - now).days <= warning_days:
        report.warning(path, f"{what}: expires on {not_after}, within {warning_days} days")
    if not_before > now:
        report.warning(path, f"{what}: not valid before {not_before}")
    key = certificate.public_key()
    if not isinstance(key, (ec.EllipticCurvePublicKey, rsa.RSAPublicKey)):
        report.error(path, f"{what}: unsupported key type")
    if tsa and certificate.issuer != certificate.subject:
        report.error(path, f"{what}: not a self-signed root")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Check the cross-document rules of a trustc policy directory.")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--now", type=dt.date.fromisoformat, default=dt.date(2026, 11, 25),
                        help="today's date for date and expiry checks (default 2026-11-25)")
    parser.add_argument("--quiet", action="store_true", help="print errors only (and the summary)")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"{args.directory} is not a directory")
    report = Report(args.directory, args.quiet)
    stats = check(args.directory, args.now, report)
    print(f"check-organization: {args.directory}: {report.counts['error']} error(s), "
          f"{report.counts['warning']} warning(s), {report.counts['note']} note(s); "
          + ", ".join(f"{value} {key}" for key, value in stats.items()))
    return 1 if report.counts["error"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
