#!/usr/bin/env python3
"""Generate a synthetic trustc organisation (a policy directory in the layout of docs/format.md) for benchmarks.

Usage:
    Benchmarks/generate-organization.py --size small|large|huge [--seed N] [--trusted-teams PERCENT] --out DIR [--force]
                                        [--violations DIR [--expected-rollout FILE]]
    Benchmarks/generate-organization.py --change team|rotation|namespace --out DIR

Generating (`--size`):
    Writes an ordinary policy directory, split into files the way a real repository is:

        organization.yaml
        environments/<environment>.yaml
        registries/<registry>.yaml
        identities/<identity>.yaml
        identities/certs/<identity>-root[-<year>].pem, identities/certs/tsa-root.pem
        teams/<team>.yaml                                   one file per team
        clusters/<environment>/<region>/<cluster>.yaml      one file per cluster

    Sizes (environments are always production (tier production), staging and development
    (nonproduction; development trusts production read-only)):

        size   regions  clusters  ns/cluster  teams  repositories  registries  identities  rotations
        small        3         6         3-7      5            12           3           4          1
        large       40     2,000          20    400         4,000          12          30          4
        huge        40    10,000          20  2,000        20,000          12          60          6

    huge is large with five times the clusters, teams and repositories, in the same 40 regions with
    the same 12 registries (an organisation's registries follow its regions, not its headcount), so
    its input, its registry scopes and its output are all about five times large's: "linear" can be
    read off directly. (Until 2026-11-26 huge had 24 registries, which made every trust policy list
    10× large's scopes.)

    Everything but the certificates is a pure function of (--size, --seed): names, structure,
    GUIDs, Key Vault versions, dates and the YAML bytes. Certificates are real ECDSA P-256 CA roots
    (self-signed, CA:TRUE, keyCertSign) generated with fresh random keys on every run, so their
    bytes differ from run to run; their subjects and validity dates do not (notBefore 2025-01-01,
    notAfter 2030-01-01 for the old root of a rotation in flight, 2035-01-01 otherwise; the
    timestamp authority root 2040-01-01). No private key is written.

    The organisation is valid by construction (0 errors from `trustc validate --now 2026-11-25`,
    and no warnings: every registry of an environment is replicated to every region that
    environment has clusters in, and development's regions are a subset of production's):
    unique names, one owner per repository, teams only request identities of their environments,
    production trusts only production identities, distinct OU and CN in every subject, every
    identity used, excluded system namespaces never staged, rollout dates between 2026-01-01 and
    2026-11-20 with every deny namespace in warn for at least its environment's minimumWarnDays
    (production 21, others 14) before `since`.

    --trusted-teams PERCENT limits about PERCENT % of the team namespaces (not the platform's) to
    the images of the team they are named after (`trustedTeams: [team]`), so that Ratify gets a
    NamespacedVerifier for each (default 0: no namespace is limited, and the output is the same
    as without the option). `--size large --trusted-teams 50` is large with 20,000 namespaced
    verifiers, 1.1 million registry scopes in them.

    DIR must not exist or be empty; with --force an existing generated organisation (a directory
    holding organization.yaml) is replaced.

    --violations DIR also writes, for `trustc rollout`, what `kubectl get constraints -o json`
    prints for every cluster (DIR/<cluster>.json: the trustc assignments' Ratify constraints with
    violations planted at random, see `violation_exports`), a pure function of (--size, --seed,
    --trusted-teams) too, and --expected-rollout FILE the JSON `trustc rollout --format json
    --now 2026-11-25` must print for them, computed here from the organisation and what was
    planted, independently of trustc. `large` gets about 15,000 violations in 12 MB.

Inventory (`--inventory FILE`), for `audit` benchmarks:
    Writes a registry inventory of the organisation in --out (any policy directory: it reads the
    registries, identities and teams from the YAML and the roots' fingerprints from the PEM
    files) as examples/inventory/signatures.sh writes it: one line per image, the JSON
    `notation inspect -o json` prints (notation 1.x's and 2's shapes alternating), compacted,
    with the image's `reference`. --images N images (default 100,000), deterministic for
    --seed: each picks a registry, a repository a team of the registry's environment owns, and
    is signed by one or two of the team's identities of that environment (under the root a
    rotation is replacing for a fifth of the signatures of rotating identities; with an RFC 3161
    timestamp for identities with a timestamp authority). Planted at fixed rates: 2% unsigned,
    1% an unexpected signer, 0.5% each an unknown root, a subject no identity declares, a
    repository no team owns and a foreign registry. Leaf and intermediate certificates have no
    files: their fingerprints are SHA-256 of a label.

Changing (`--change`), for `plan` benchmarks:
    Applies one small deterministic edit, in place, to an organisation this script generated
    (copy the directory first to keep the original). The target is chosen from the directory's
    sorted contents, so the same input directory always gets the same edit:

        team       adds the repository `<team>/bench-added-service` to the middle team file
                   (by sorted path, the platform team excluded)
        rotation   starts a root rotation on the middle identity with one certificate: writes a
                   new root `certs/<identity>-root-next.pem` and adds it, with a keyVaultVersion,
                   after the identity's current certificate
        namespace  flips one namespace from `warn` to `deny`: the first `warn` namespace that
                   has been in warn for at least its environment's minimumWarnDays by
                   2026-11-20, in the first cluster file that has one, searching from the
                   middle cluster file by sorted path; it gets `since: 2026-11-20` and
                   `warnSince:` its old `since`

    Applying `team` or `rotation` twice is an error (exit status 1); applying `namespace` again
    flips the next eligible namespace.

Output: one summary line on stdout (files, bytes, clusters, namespaces, teams, repositories...).

Requires Python 3.9+ and the `cryptography` package (PyYAML only for --change).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR = "Benchmarks/generate-organization.py"

ORGANIZATION = "fabrikam"
ORGANIZATION_TITLE = "Fabrikam"

# The environments, in the order docs/format.md's examples list them in a team's `environments`.
DEVELOPMENT, STAGING, PRODUCTION = "development", "staging", "production"
ENVIRONMENTS = [DEVELOPMENT, STAGING, PRODUCTION]
SHORT = {PRODUCTION: "prod", STAGING: "staging", DEVELOPMENT: "dev"}
MINIMUM_WARN_DAYS = {PRODUCTION: 21, STAGING: 14, DEVELOPMENT: 14}

# 40 real Azure region names (`az account list-locations`), most used first.
REGIONS = [
    "westeurope", "northeurope", "eastus", "eastus2", "westus2", "centralus", "uksouth",
    "southeastasia", "japaneast", "australiaeast", "westus", "westus3", "southcentralus",
    "northcentralus", "westcentralus", "canadacentral", "canadaeast", "brazilsouth", "ukwest",
    "francecentral", "germanywestcentral", "switzerlandnorth", "norwayeast", "swedencentral",
    "polandcentral", "italynorth", "spaincentral", "uaenorth", "qatarcentral", "israelcentral",
    "southafricanorth", "centralindia", "southindia", "westindia", "eastasia", "japanwest",
    "koreacentral", "koreasouth", "australiasoutheast", "australiacentral",
]

# Team names are `<domain>` or `<domain>-<k>`.
DOMAINS = [
    "payments", "checkout", "search", "catalog", "identity", "billing", "orders", "inventory",
    "shipping", "pricing", "recommendations", "reviews", "notifications", "messaging", "analytics",
    "reporting", "ledger", "fraud", "risk", "loyalty", "marketing", "content", "media", "maps",
    "routing", "telemetry", "logging", "storage", "compute", "networking", "security",
    "compliance", "onboarding", "accounts", "subscriptions", "support", "partners", "warehouse",
    "forecasting", "experiments",
]

SERVICES = [
    "api", "worker", "web", "gateway", "scheduler", "ingest", "exporter", "consumer", "producer",
    "migrator", "admin", "frontend", "backend", "cache", "indexer", "sync", "notifier",
    "reconciler", "validator", "aggregator", "cli", "operator", "proxy", "batch",
]

NAMESPACE_SUFFIXES = ["jobs", "web", "batch", "internal", "canary"]

PLATFORM = "platform"
PLATFORM_REPOSITORIES = [
    "platform/ingress-controller", "platform/external-dns", "platform/otel-collector",
    "platform/cert-manager", "platform/cluster-autoscaler", "platform/policy-agent",
    "platform/log-forwarder", "platform/node-problem-detector", "platform/secrets-sync",
    "platform/backup-operator",
]
PLATFORM_NAMESPACES = ["platform-ingress", "platform-observability", "platform-dns"]
PLATFORM_CLUSTER_NAMESPACES = 2  # every cluster runs the first two platform namespaces

SHARED_IDENTITY_WORDS = ["build", "release", "base-images", "hotfix", "mirror", "tools"]
REGISTRY_WORDS = ["apps", "base", "tools", "mirror", "data", "ml", "edge", "legacy"]

EXCLUDED_NAMESPACES = {"kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system"}

FIRST_DATE = dt.date(2026, 1, 1)
LAST_DATE = dt.date(2026, 11, 20)

# Root validity (UTC midnight).
NOT_BEFORE = "2025-01-01"
NOT_AFTER = "2035-01-01"
NOT_AFTER_ROTATING_OUT = "2030-01-01"
TSA_NOT_AFTER = "2040-01-01"


@dataclass(frozen=True)
class Size:
    regions: dict[str, int]            # environment -> number of regions with clusters
    clusters: dict[str, int]           # environment -> clusters
    namespaces_per_cluster: tuple[int, int]
    teams: int                         # including the platform team
    repositories_per_team: tuple[int, int]
    registries_per_environment: int
    shared_identities: int             # per environment, listed in its signingIdentities
    scoped_identities: dict[str, int]  # environment -> team-scoped identities
    rotations: int                     # identities with two roots
    timestamped: int                   # identities with a timestamp authority


SIZES = {
    "small": Size(
        regions={PRODUCTION: 3, STAGING: 2, DEVELOPMENT: 1},
        clusters={PRODUCTION: 3, STAGING: 2, DEVELOPMENT: 1},
        namespaces_per_cluster=(3, 7),
        teams=5,
        repositories_per_team=(2, 3),
        registries_per_environment=1,
        shared_identities=1,
        scoped_identities={PRODUCTION: 1, STAGING: 0, DEVELOPMENT: 0},
        rotations=1,
        timestamped=1,
    ),
    "large": Size(
        regions={PRODUCTION: 40, STAGING: 16, DEVELOPMENT: 12},
        clusters={PRODUCTION: 1000, STAGING: 500, DEVELOPMENT: 500},
        namespaces_per_cluster=(20, 20),
        teams=400,
        repositories_per_team=(10, 10),
        registries_per_environment=4,
        shared_identities=3,
        scoped_identities={PRODUCTION: 7, STAGING: 7, DEVELOPMENT: 7},
        rotations=4,
        timestamped=3,
    ),
    "huge": Size(
        regions={PRODUCTION: 40, STAGING: 16, DEVELOPMENT: 12},
        clusters={PRODUCTION: 5000, STAGING: 2500, DEVELOPMENT: 2500},
        namespaces_per_cluster=(20, 20),
        teams=2000,
        repositories_per_team=(10, 10),
        registries_per_environment=4,
        shared_identities=4,
        scoped_identities={PRODUCTION: 16, STAGING: 16, DEVELOPMENT: 16},
        rotations=6,
        timestamped=6,
    ),
}

# --------------------------------------------------------------------------------------------
# YAML emission (by hand: byte-for-byte stable and fast)

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
_NON_STRING = re.compile(
    r"(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE"            # null, booleans
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"              # YAML 1.1 booleans
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"                            # integers
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"     # floats
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2})"                                    # dates (YAML 1.1 timestamps)
)


def q(text: str) -> str:
    """A YAML scalar for `text` that every YAML version reads as that string."""
    if _PLAIN.fullmatch(text) and not _NON_STRING.fullmatch(text):
        return text
    return json.dumps(text)


def flow(items: list[str]) -> str:
    return "[" + ", ".join(q(item) for item in items) + "]"


def header(kind: str, name: str, comment: str, labels: dict[str, str] | None = None) -> list[str]:
    lines = [f"# {line}" if line else "#" for line in comment.splitlines()]
    lines += ["apiVersion: trustc/v1", f"kind: {kind}", "metadata:", f"  name: {name}"]
    if labels:
        lines.append("  labels:")
        lines += [f"    {key}: {q(value)}" for key, value in sorted(labels.items())]
    lines.append("spec:")
    return lines


# --------------------------------------------------------------------------------------------
# The model


@dataclass
class Registry:
    name: str
    environment: str
    regions: list[str]

    @property
    def login_server(self) -> str:
        return f"{self.name}.azurecr.io"


@dataclass
class Certificate:
    file: str                 # relative to identities/
    subject: str              # the root's subject
    not_after: str
    key_vault_version: str


@dataclass
class Identity:
    name: str
    environment: str
    unit: str
    shared: bool
    certificates: list[Certificate] = field(default_factory=list)
    timestamped: bool = False
    teams: list[str] = field(default_factory=list)   # teams listing it (team-scoped identities)

    @property
    def subject(self) -> str:
        return (f"C=US, ST=WA, L=Redmond, O={ORGANIZATION_TITLE}, OU={self.unit}, "
                f"CN={self.name}.{ORGANIZATION}.com")


@dataclass
class Team:
    name: str
    domain: str
    environments: list[str]
    repositories: list[str]
    namespaces: list[str]
    owners: list[str]
    shared_identities: list[str] = field(default_factory=list)
    scoped_identities: list[str] = field(default_factory=list)

    def signing_identities(self, identities: dict[str, Identity]) -> list[str]:
        # Per environment (production first, as teams usually write it): shared, then own.
        names = self.shared_identities + self.scoped_identities
        order = {PRODUCTION: 0, STAGING: 1, DEVELOPMENT: 2}
        return sorted(names, key=lambda n: (order[identities[n].environment],
                                            not identities[n].shared, names.index(n)))


@dataclass
class Namespace:
    name: str
    stage: str
    since: dt.date
    warn_since: dt.date | None = None
    trusted_team: str | None = None


@dataclass
class Cluster:
    name: str
    environment: str
    region: str
    subscription: str
    ring: str
    namespaces: list[Namespace]

    @property
    def resource_id(self) -> str:
        return (f"/subscriptions/{self.subscription}/resourceGroups/rg-{self.name}"
                f"/providers/Microsoft.ContainerService/managedClusters/{self.name}")


@dataclass
class Organization:
    size_name: str
    seed: int
    tenant_id: str
    environment_regions: dict[str, list[str]]
    registries: list[Registry]
    identities: dict[str, Identity]
    shared: dict[str, list[str]]
    vault_client_ids: dict[str, str]
    teams: list[Team]
    clusters: list[Cluster]


class Random:
    """Independent, named random streams, so that changing one part of the generator does not
    reshuffle the others."""

    def __init__(self, seed: int, size: str):
        self.base = f"trustc-bench/{size}/{seed}"

    def stream(self, *label: object) -> random.Random:
        return random.Random(self.base + "/" + "/".join(str(part) for part in label))

    def guid(self, *label: object) -> str:
        return str(uuid.UUID(int=self.stream("guid", *label).getrandbits(128), version=4))

    def hex32(self, *label: object) -> str:
        return f"{self.stream('hex', *label).getrandbits(128):032x}"


def title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("-"))


def spread(total: int, keys: list[str], rng: random.Random) -> dict[str, int]:
    """`total` split over `keys` (each at least one when total allows), uneven like real fleets."""
    weights = [rng.uniform(0.4, 2.5) for _ in keys]
    if total >= len(keys):
        base = {key: 1 for key in keys}
        rest = total - len(keys)
    else:
        base = {key: 0 for key in keys}
        rest = total
    scale = sum(weights)
    shares = [rest * weight / scale for weight in weights]
    counts = [int(share) for share in shares]
    remainders = sorted(range(len(keys)), key=lambda i: (-(shares[i] - counts[i]), i))
    for i in remainders[: rest - sum(counts)]:
        counts[i] += 1
    return {key: base[key] + count for key, count in zip(keys, counts)}


def build(size_name: str, seed: int, trusted_teams: int = 0) -> Organization:
    size = SIZES[size_name]
    rnd = Random(seed, size_name)

    # Regions: production's first; development's and staging's are subsets of production's
    # (development's must be: its clusters also pull production images).
    rng = rnd.stream("regions")
    production_regions = REGIONS[: size.regions[PRODUCTION]]
    development_regions = rng.sample(production_regions, size.regions[DEVELOPMENT])
    staging_regions = rng.sample(production_regions, size.regions[STAGING])
    environment_regions = {
        PRODUCTION: production_regions,
        STAGING: sorted(staging_regions, key=REGIONS.index),
        DEVELOPMENT: sorted(development_regions, key=REGIONS.index),
    }

    # Registries: every registry of an environment is replicated to all of the environment's
    # cluster regions (plus, for some, a few more), so no cluster pulls across regions.
    registries: list[Registry] = []
    for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
        rng = rnd.stream("registries", environment)
        for index in range(size.registries_per_environment):
            name = f"{ORGANIZATION}{SHORT[environment]}"
            if size.registries_per_environment > 1:
                name += REGISTRY_WORDS[index]
            regions = list(environment_regions[environment])
            spare = [region for region in REGIONS if region not in regions]
            if spare and size_name != "small":
                regions += rng.sample(spare, rng.randint(0, min(3, len(spare))))
            registries.append(Registry(name, environment, sorted(regions, key=REGIONS.index)))

    # Teams.
    rng = rnd.stream("teams")
    teams: list[Team] = []
    platform = Team(
        name=PLATFORM, domain=PLATFORM, environments=list(ENVIRONMENTS),
        repositories=PLATFORM_REPOSITORIES[: max(3, size.repositories_per_team[1])],
        namespaces=list(PLATFORM_NAMESPACES), owners=[f"@{ORGANIZATION}/{PLATFORM}"],
    )
    teams.append(platform)
    domains = list(DOMAINS)
    rng.shuffle(domains)
    per_domain: dict[str, int] = {}
    for index in range(size.teams - 1):
        domain = domains[index % len(domains)]
        per_domain[domain] = per_domain.get(domain, 0) + 1
        name = domain if per_domain[domain] == 1 else f"{domain}-{per_domain[domain]}"
        roll = rng.random()
        if index == 0 or roll < 0.70:
            environments = [DEVELOPMENT, STAGING, PRODUCTION]
        elif roll < 0.82:
            environments = [DEVELOPMENT, STAGING]          # beta: not in production yet
        elif roll < 0.92:
            environments = [DEVELOPMENT, PRODUCTION]
        else:
            environments = [STAGING, PRODUCTION]
        count = rng.randint(*size.repositories_per_team)
        services = rng.sample(SERVICES, count)
        repositories = []
        for service in services:
            if rng.random() < 0.12:
                repositories.append(f"{name}/jobs/{service}")
            else:
                repositories.append(f"{name}/{service}")
        namespaces = [name] + [f"{name}-{suffix}" for suffix in
                               rng.sample(NAMESPACE_SUFFIXES, rng.choice([0, 1, 1, 2]))]
        owners = [f"@{ORGANIZATION}/{name}"]
        if rng.random() < 0.2:
            owners.append(f"@{ORGANIZATION}/{domain}-leads")
        teams.append(Team(name, domain, environments, repositories, namespaces, owners))

    # Identities: a few shared ones per environment (in its signingIdentities), the rest
    # team-scoped (in some of its teams' signingIdentities).
    identities: dict[str, Identity] = {}
    shared: dict[str, list[str]] = {}
    for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
        shared[environment] = []
        for word in SHARED_IDENTITY_WORDS[: size.shared_identities]:
            name = f"{SHORT[environment]}-{word}"
            identities[name] = Identity(name, environment, title(name), shared=True)
            shared[environment].append(name)
    for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
        rng = rnd.stream("scoped-identities", environment)
        members = [team for team in teams[1:] if environment in team.environments]
        team_domains = sorted({team.domain for team in members}, key=domains.index)
        for domain in rng.sample(team_domains, min(size.scoped_identities[environment], len(team_domains))):
            name = f"{SHORT[environment]}-{domain}-release"
            identity = Identity(name, environment, title(name), shared=False)
            identities[name] = identity
            candidates = [team for team in members if team.domain == domain and len(team.scoped_identities) < 2]
            fallback = [team for team in members if len(team.scoped_identities) < 2]
            chosen = rng.sample(candidates, min(len(candidates), rng.randint(2, 6))) or [rng.choice(fallback)]
            for team in sorted(chosen, key=teams.index):
                team.scoped_identities.append(name)
                identity.teams.append(team.name)

    # Which shared identities each team signs with: the environment's build identity, and in
    # production sometimes the release identity too.
    rng = rnd.stream("team-identities")
    for team in teams:
        for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
            if environment not in team.environments:
                continue
            names = shared[environment]
            team.shared_identities.append(names[0])
            if len(names) > 1 and (team is platform or rng.random() < 0.3):
                team.shared_identities.append(names[1])
    if size.shared_identities > 2:
        # Platform builds the base images every team's images start from.
        for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
            for name in shared[environment][2:]:
                platform.shared_identities.append(name)

    # Certificates, rotations in flight, timestamp authorities.
    rng = rnd.stream("certificates")
    names = sorted(identities)
    rotating = {f"{SHORT[PRODUCTION]}-{SHARED_IDENTITY_WORDS[0]}"}
    rotating |= set(rng.sample([n for n in names if n not in rotating], size.rotations - 1))
    production_names = [n for n in names if identities[n].environment == PRODUCTION]
    timestamped = set(rng.sample(production_names, min(size.timestamped, len(production_names))))
    for name in names:
        identity = identities[name]
        identity.timestamped = name in timestamped
        root = f"C=US, ST=WA, O={ORGANIZATION_TITLE}, OU={identity.unit}, CN={ORGANIZATION_TITLE} {identity.unit} Root CA"
        if name in rotating:
            identity.certificates = [
                Certificate(f"certs/{name}-root-2025.pem", f"{root} 2025", NOT_AFTER_ROTATING_OUT,
                            rnd.hex32("kv-version", name, 2025)),
                Certificate(f"certs/{name}-root-2026.pem", f"{root} 2026", NOT_AFTER,
                            rnd.hex32("kv-version", name, 2026)),
            ]
        else:
            identity.certificates = [
                Certificate(f"certs/{name}-root.pem", root, NOT_AFTER, rnd.hex32("kv-version", name))
            ]
    vault_client_ids = {environment: rnd.guid("ratify-client", environment) for environment in ENVIRONMENTS}

    # Clusters.
    clusters: list[Cluster] = []
    stage_weights = {  # off, warn, deny: development leads the rollout, production trails it
        DEVELOPMENT: (0.20, 0.36, 0.44),
        STAGING: (0.30, 0.40, 0.30),
        PRODUCTION: (0.35, 0.42, 0.23),
    }
    span = (LAST_DATE - FIRST_DATE).days
    for environment in [PRODUCTION, STAGING, DEVELOPMENT]:
        rng = rnd.stream("clusters", environment)
        subscription = rnd.guid("subscription", environment)
        pool = sorted({namespace for team in teams[1:] if environment in team.environments
                       for namespace in team.namespaces})
        counts = spread(size.clusters[environment], environment_regions[environment], rng)
        minimum = MINIMUM_WARN_DAYS[environment]
        for region in environment_regions[environment]:
            for index in range(1, counts[region] + 1):
                name = f"aks-{SHORT[environment]}-{region}-{index}"
                wanted = rng.randint(*size.namespaces_per_cluster)
                chosen = PLATFORM_NAMESPACES[:PLATFORM_CLUSTER_NAMESPACES]
                chosen = chosen + rng.sample(pool, min(len(pool), max(0, wanted - len(chosen))))
                namespaces = []
                for namespace in chosen:
                    stage = rng.choices(["off", "warn", "deny"], weights=stage_weights[environment])[0]
                    if stage == "deny":
                        warned = rng.randint(minimum, minimum + 60)
                        since = FIRST_DATE + dt.timedelta(days=rng.randint(warned, span))
                        namespaces.append(Namespace(namespace, stage, since, since - dt.timedelta(days=warned)))
                    else:
                        namespaces.append(Namespace(namespace, stage, FIRST_DATE + dt.timedelta(days=rng.randint(0, span))))
                clusters.append(Cluster(name, environment, region, subscription,
                                        "canary" if index == 1 else "main", namespaces))
        if trusted_teams:
            # A stream of its own, so the rest of the organisation is the same with or without.
            limit = rnd.stream("trusted-teams", environment)
            owner = {namespace: team.name for team in teams[1:] for namespace in team.namespaces}
            for cluster in clusters:
                if cluster.environment != environment:
                    continue
                for namespace in cluster.namespaces:
                    if namespace.name in owner and limit.randrange(100) < trusted_teams:
                        namespace.trusted_team = owner[namespace.name]

    return Organization(size_name, seed, rnd.guid("tenant"), environment_regions, registries,
                        identities, shared, vault_client_ids, teams, clusters)


# --------------------------------------------------------------------------------------------
# Rendering


def render(org: Organization) -> dict[str, str]:
    """Every YAML file, by path relative to the policy directory."""
    generated = f"Generated by {GENERATOR} --size {org.size_name} --seed {org.seed}."
    files: dict[str, str] = {}

    def put(path: str, lines: list[str]) -> None:
        files[path] = "\n".join(lines) + "\n"

    put("organization.yaml", header("Organization", ORGANIZATION,
                                    f"The {ORGANIZATION} organisation. Owned by the platform team.\n{generated}") + [
        f"  platformTeam: {PLATFORM}",
        f"  tenantID: {org.tenant_id}",
        f"  policyDefinitionScope: /providers/Microsoft.Management/managementGroups/{ORGANIZATION}",
        "  enforcement: custom",
        "  trustStoreSource: inline",
        "  certificateExpiryWarningDays: 30",
    ])

    for environment in ENVIRONMENTS:
        lines = header("Environment", environment,
                       f"Environment {environment}. Owned by the platform team.\n{generated}")
        if environment == PRODUCTION:
            lines += ["  tier: production", "  verificationLevel: strict"]
        elif environment == STAGING:
            lines += ["  tier: nonproduction", "  verificationLevel: strict"]
        else:
            lines += ["  tier: nonproduction", "  verificationLevel: permissive"]
        lines.append(f"  signingIdentities: {flow(org.shared[environment])}")
        if environment == DEVELOPMENT:
            lines.append(f"  trustsEnvironments: [{PRODUCTION}]")
        if MINIMUM_WARN_DAYS[environment] != 14:
            lines.append(f"  minimumWarnDays: {MINIMUM_WARN_DAYS[environment]}")
        put(f"environments/{environment}.yaml", lines)

    for registry in org.registries:
        put(f"registries/{registry.name}.yaml", header(
            "Registry", registry.name,
            f"Registry {registry.name} of {registry.environment}, geo-replicated to "
            f"{len(registry.regions)} region{'' if len(registry.regions) == 1 else 's'}. Owned by the platform team.\n{generated}") + [
            f"  environment: {registry.environment}",
            f"  loginServer: {registry.login_server}",
            f"  regions: {flow(registry.regions)}",
        ])

    for name in sorted(org.identities):
        identity = org.identities[name]
        kind = "shared" if identity.shared else "team-scoped (" + ", ".join(identity.teams) + ")"
        lines = header("SigningIdentity", name,
                       f"Signing identity {name} of {identity.environment}, {kind}.\n{generated}")
        lines += [
            f"  environment: {identity.environment}",
            f"  subject: {json.dumps(identity.subject)}",
            "  trustStoreType: ca",
            "  keyVault:",
            f"    vaultURI: https://kv-{ORGANIZATION}-{SHORT[identity.environment]}.vault.azure.net/",
            f"    keyName: {q(name)}",
            f"    certificateName: {q(name + '-root')}",
            f"    clientID: {org.vault_client_ids[identity.environment]}",
            "  certificates:",
        ]
        for certificate in identity.certificates:
            lines += [f"    - file: {certificate.file}",
                      f"      keyVaultVersion: {q(certificate.key_vault_version)}"]
        if identity.timestamped:
            lines += ["  timestampAuthority:", "    file: certs/tsa-root.pem"]
        put(f"identities/{name}.yaml", lines)

    for team in org.teams:
        lines = header("Team", team.name, f"Team {team.name}. Owned by {team.owners[0]}.\n{generated}")
        lines += [
            f"  owners: {flow(team.owners)}",
            f"  environments: {flow(team.environments)}",
            "  repositories:",
        ]
        lines += [f"    - {q(repository)}" for repository in team.repositories]
        lines.append(f"  signingIdentities: {flow(team.signing_identities(org.identities))}")
        lines.append(f"  namespaces: {flow(team.namespaces)}")
        put(f"teams/{team.name}.yaml", lines)

    for cluster in org.clusters:
        lines = header("Cluster", cluster.name,
                       f"Cluster {cluster.name} ({cluster.environment}, {cluster.region}). "
                       f"Owned by the platform team.\n{generated}",
                       labels={"ring": cluster.ring})
        lines += [
            f"  environment: {cluster.environment}",
            f"  region: {cluster.region}",
            f"  resourceID: {cluster.resource_id}",
            "  namespaces:",
        ]
        for namespace in cluster.namespaces:
            lines += [f"    - name: {q(namespace.name)}",
                      f"      stage: {namespace.stage}",
                      f"      since: {namespace.since.isoformat()}"]
            if namespace.warn_since is not None:
                lines.append(f"      warnSince: {namespace.warn_since.isoformat()}")
            if namespace.trusted_team is not None:
                lines.append(f"      trustedTeams: [{q(namespace.trusted_team)}]")
        put(f"clusters/{cluster.environment}/{cluster.region}/{cluster.name}.yaml", lines)
    return files


# --------------------------------------------------------------------------------------------
# Certificates


def certificate_pem(subject: str, not_before: str, not_after: str) -> bytes:
    """A self-signed ECDSA P-256 root CA (CA:TRUE, keyCertSign); the key is discarded."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    oids = {"C": NameOID.COUNTRY_NAME, "ST": NameOID.STATE_OR_PROVINCE_NAME, "L": NameOID.LOCALITY_NAME,
            "O": NameOID.ORGANIZATION_NAME, "OU": NameOID.ORGANIZATIONAL_UNIT_NAME, "CN": NameOID.COMMON_NAME}
    attributes = []
    for part in subject.split(","):
        key, _, value = part.strip().partition("=")
        attributes.append(x509.NameAttribute(oids[key], value))
    name = x509.Name(attributes)

    def day(text: str) -> dt.datetime:
        return dt.datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc)

    key = ec.generate_private_key(ec.SECP256R1())
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(day(not_before))
        .not_valid_after(day(not_after))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM)


def certificates(org: Organization) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in sorted(org.identities):
        for certificate in org.identities[name].certificates:
            files[f"identities/{certificate.file}"] = certificate_pem(
                certificate.subject, NOT_BEFORE, certificate.not_after)
    if any(identity.timestamped for identity in org.identities.values()):
        files["identities/certs/tsa-root.pem"] = certificate_pem(
            f"C=US, ST=WA, O={ORGANIZATION_TITLE}, OU=Timestamping, CN={ORGANIZATION_TITLE} Timestamp Authority Root CA",
            NOT_BEFORE, TSA_NOT_AFTER)
    return files


# --------------------------------------------------------------------------------------------
# Violation exports (for `trustc rollout`)

ROLLOUT_NOW = dt.date(2026, 11, 25)  # the date the expected verdicts are counted to
VIOLATION_LIMIT = 20                 # Gatekeeper's default --constraint-violations-limit
MESSAGE_BYTES = 256                  # Gatekeeper keeps 253 bytes and "..." of a longer message
FOREIGN_IMAGES = ["docker.io/library/busybox", "docker.io/library/nginx", "docker.io/library/python",
                  "docker.io/envoyproxy/envoy", "quay.io/prometheus/node-exporter"]


@dataclass
class Violation:
    namespace: str
    pod: str
    message: str        # as Gatekeeper stores it (cut to 256 bytes)
    image: str | None   # the image, when the stored message still names it whole


def gatekeeper_message(template: str, namespace: str, key_image: str, multi_tenancy: bool, rng: random.Random) -> str:
    key = f"[{namespace}]{key_image}" if multi_tenancy else key_image
    if template == "1.4":
        message = (f"Time=2026-11-25T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}."
                   f"{rng.randrange(10**9):09d}Z, failed to verify the artifact: {key}, "
                   f"trace-id: {uuid.UUID(int=rng.getrandbits(128), version=4)}")
    elif template == "1.3-rc":
        message = f"Failed to verify the artifact: {key}"
    else:
        message = f"Subject failed verification: {key}"
    data = message.encode()
    return message if len(data) <= MESSAGE_BYTES else data[:MESSAGE_BYTES - 3].decode() + "..."


def image_survives(message: str, image: str) -> bool:
    """Whether a stored message still names the whole image (a cut may fall inside it)."""
    if not message.endswith("..."):
        return True
    return image + "," in message


def violation_exports(org: Organization) -> tuple[dict[str, str], str, dict[str, int]]:
    """One `kubectl get constraints -o json` List per cluster, the JSON `trustc rollout --format
    json --now ROLLOUT_NOW` must print for them (computed here, independently of trustc), and
    counts of what was planted.

    Per cluster, from its own random stream: about 30 % of the warn namespaces run 1-3 failing
    images (1-2 pods each), about 4 % of the deny namespaces one; images are the cluster's
    environment's repositories in one of its registries (development clusters also run
    production's), with a digest now and then, some with a tag long enough that Gatekeeper's
    256-byte cut falls inside the reference, Docker Hub images and repositories no team owns.
    The audit (warn) and deny assignments' constraints keep at most 20 violations, the smallest
    by namespace and pod as Gatekeeper does, in descending order; about 2 % of the clusters'
    audit constraints have not been audited yet (no status); about 5 % of the clusters also run
    Ratify's chart constraint (every namespace), which reports pods in an off namespace or in
    one the cluster does not list. Messages follow one Ratify version per cluster (v1.4's mostly,
    v1.2's, or the one in between), with the multi-tenancy `[namespace]` key when the
    organisation limits namespaces (`trustedTeams`).
    """
    rnd = Random(org.seed, org.size_name)
    owners = {(environment, repository): team.name for team in org.teams
              for environment in team.environments for repository in team.repositories}
    registries = {environment: [r for r in org.registries if r.environment == environment] for environment in ENVIRONMENTS}
    environment_of = {r.login_server: r.environment for r in org.registries}
    repositories = {environment: sorted(repository for (env, repository) in owners if env == environment)
                    for environment in ENVIRONMENTS}
    multi_tenancy = any(n.trusted_team for c in org.clusters for n in c.namespaces)
    files: dict[str, str] = {}
    expected: list[dict] = []
    counts = {"violations": 0, "cut inside the image": 0, "cut lists": 0, "not audited": 0, "chart constraints": 0}

    def team_of(image: str) -> str | None:
        login, _, rest = image.partition("/")
        repository = rest.split("@")[0].rsplit(":", 1)[0] if ":" in rest.split("@")[0].split("/")[-1] else rest.split("@")[0]
        return owners.get((environment_of.get(login), repository))

    for cluster in sorted(org.clusters, key=lambda c: c.name):
        rng = rnd.stream("violations", cluster.name)
        template = rng.choices(["1.4", "1.2", "1.3-rc"], weights=[0.7, 0.2, 0.1])[0]
        sources = [cluster.environment] + ([PRODUCTION] if cluster.environment == DEVELOPMENT else [])

        def image() -> str:
            roll = rng.random()
            tag = f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}"
            if roll < 0.08:
                return f"{rng.choice(FOREIGN_IMAGES)}:{tag}"
            environment = rng.choice(sources) if rng.random() < 0.2 else cluster.environment
            login = rng.choice(registries[environment]).login_server
            if roll < 0.12:
                return f"{login}/unowned/{rng.choice(SERVICES)}:{tag}"
            repository = rng.choice(repositories[environment])
            digest = f"sha256:{rng.getrandbits(256):064x}"
            if roll < 0.17:
                build = "".join(rng.choice("0123456789") for _ in range(rng.randint(40, 100)))
                return f"{login}/{repository}:{tag}-build.{build}@{digest}"
            if roll < 0.27:
                return f"{login}/{repository}@{digest}"
            return f"{login}/{repository}:{tag}"

        def violations(namespace: str, images: int, pods: tuple[int, int]) -> list[Violation]:
            found = []
            for _ in range(images):
                reference = image()
                for _ in range(rng.randint(*pods)):
                    pod = f"{namespace}-{rng.getrandbits(36):09x}-{rng.getrandbits(20):05x}"
                    message = gatekeeper_message(template, namespace, reference, multi_tenancy, rng)
                    found.append(Violation(namespace, pod, message, reference if image_survives(message, reference) else None))
            return found

        audit: list[Violation] = []
        deny: list[Violation] = []
        for namespace in cluster.namespaces:
            if namespace.stage == "warn" and rng.random() < 0.30:
                audit += violations(namespace.name, rng.randint(1, 3), (1, 2))
            elif namespace.stage == "deny" and rng.random() < 0.04:
                deny += violations(namespace.name, 1, (1, 1))
        chart: list[Violation] | None = None
        if rng.random() < 0.05:
            off = [n.name for n in cluster.namespaces if n.stage == "off"]
            chart = violations(rng.choice(off) if off else "sandbox", 1, (1, 2)) + violations("sandbox", 1, (1, 1))
        audited = rng.random() >= 0.02

        def constraint(stage: str | None, found: list[Violation], is_audited: bool = True) -> tuple[dict, list[Violation], bool]:
            kept = sorted(found, key=lambda v: (v.namespace, v.pod, v.message))[:VIOLATION_LIMIT]
            name = f"azurepolicy-ratifyverification-{rnd.hex32('constraint', cluster.name, stage)[:20]}" if stage else "ratify-constraint"
            metadata: dict = {"name": name}
            if stage:
                assignment = f"trustc-{cluster.environment}-{cluster.name}-{'deny' if stage == 'deny' else 'audit'}"
                metadata["annotations"] = {
                    "azure-policy-assignment-id": f"{cluster.resource_id}/providers/Microsoft.Authorization/policyAssignments/{assignment}",
                    "constraint-installed-by": "azure-policy-addon"}
                metadata["labels"] = {"managed-by": "azure-policy-addon"}
            action = "deny" if stage == "deny" else "dryrun"
            document: dict = {"apiVersion": "constraints.gatekeeper.sh/v1beta1", "kind": "RatifyVerification", "metadata": metadata,
                              "spec": {"enforcementAction": action}}
            if is_audited:
                status: dict = {"auditTimestamp": "2026-11-25T06:00:00Z", "totalViolations": len(found)}
                if kept:
                    status["violations"] = [{"enforcementAction": action, "group": "", "kind": "Pod", "message": v.message,
                                             "name": v.pod, "namespace": v.namespace, "version": "v1"} for v in reversed(kept)]
                document["status"] = status
            else:
                document["status"] = {"byPod": [{"enforced": True, "id": "gatekeeper-controller-manager-0", "operations": ["webhook"]}]}
            return document, kept if is_audited else [], is_audited and len(kept) == len(found)

        items: list[dict] = []
        visible: list[Violation] = []
        complete = True
        covers = False
        for stage, found, is_audited, present in (
                ("warn", audit, audited, any(n.stage == "warn" for n in cluster.namespaces)),
                ("deny", deny, True, any(n.stage == "deny" for n in cluster.namespaces)),
                (None, chart or [], True, chart is not None)):
            if not present:
                continue
            document, shown, whole = constraint(stage, found, is_audited)
            items.append(document)
            visible += shown
            complete = complete and whole
            covers = covers or stage != "deny"
            counts["cut lists"] += int(is_audited and not whole)
        counts["not audited"] += int(not audited and any(n.stage == "warn" for n in cluster.namespaces))
        counts["chart constraints"] += int(chart is not None)
        counts["violations"] += len(visible)
        counts["cut inside the image"] += sum(1 for v in visible if v.image is None)
        files[cluster.name] = json.dumps({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}},
                                         indent=4, sort_keys=True) + "\n"

        # The verdicts, as docs/commands/rollout.md defines them.
        minimum = MINIMUM_WARN_DAYS[cluster.environment]
        stages = {n.name: n for n in cluster.namespaces}
        by_namespace: dict[str, list[Violation]] = {}
        for v in visible:
            by_namespace.setdefault(v.namespace, []).append(v)
        for name in sorted(set(stages) | set(by_namespace)):
            found = by_namespace.get(name, [])
            images = [{"image": i, "team": team_of(i)} for i in sorted({v.image for v in found if v.image})]
            namespace = stages.get(name)
            if namespace is not None and namespace.stage == "warn":
                since = namespace.warn_since or namespace.since
                remaining = max(0, minimum - (ROLLOUT_NOW - since).days)
                verdict = ("blocked" if found else "no-data" if not (complete and covers)
                           else "waiting" if remaining > 0 else "ready")
            elif found:
                remaining = None
                verdict = "denied" if namespace is not None and namespace.stage == "deny" else "not-enforced"
            else:
                continue
            expected.append({"cluster": cluster.name, "namespace": name, "verdict": verdict,
                             "daysRemaining": remaining, "images": images})
    return files, json.dumps({"namespaces": expected}, indent=2) + "\n", counts


def write_violation_exports(org: Organization, directory: Path, expected_file: Path | None) -> str:
    files, expected, counts = violation_exports(org)
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / f"{name}.json").write_text(text)
    if expected_file is not None:
        expected_file.write_text(expected)
    verdicts = {verdict: expected.count(f'"verdict": "{verdict}"')
                for verdict in ("ready", "blocked", "waiting", "no-data", "denied", "not-enforced")}
    return (f"{directory}: {len(files)} violation exports, "
            + ", ".join(f"{count} {what}" for what, count in counts.items())
            + "; expected verdicts at " + ROLLOUT_NOW.isoformat() + ": "
            + ", ".join(f"{count} {verdict}" for verdict, count in verdicts.items()))


# --------------------------------------------------------------------------------------------
# Commands


def prepare_output(out: Path, force: bool) -> None:
    if out.exists():
        if not out.is_dir():
            sys.exit(f"error: {out} exists and is not a directory")
        if any(out.iterdir()):
            if not force:
                sys.exit(f"error: {out} is not empty (use --force to replace a generated organisation)")
            if not (out / "organization.yaml").is_file():
                sys.exit(f"error: {out} does not look like a generated organisation (no organization.yaml); not replacing it")
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def generate(size: str, seed: int, out: Path, force: bool, trusted_teams: int = 0, granularity: str = "repository",
             violations: Path | None = None, expected_rollout: Path | None = None) -> int:
    started = time.monotonic()
    org = build(size, seed, trusted_teams)
    yaml_files = render(org)
    if granularity == "registry":
        # One `*` statement per environment and a registry guard per cluster instead of a scope
        # per repository and registry (docs/format.md, "Registry granularity").
        yaml_files["organization.yaml"] = yaml_files["organization.yaml"].replace(
            "  enforcement: custom\n", "  enforcement: custom\n  scopeGranularity: registry\n")
    pem_files = certificates(org)
    prepare_output(out, force)
    directories = {str(Path(path).parent) for path in list(yaml_files) + list(pem_files)}
    for directory in sorted(directories):
        (out / directory).mkdir(parents=True, exist_ok=True)
    yaml_bytes = 0
    for path, text in yaml_files.items():
        data = text.encode()
        yaml_bytes += len(data)
        (out / path).write_bytes(data)
    pem_bytes = 0
    for path, data in pem_files.items():
        pem_bytes += len(data)
        (out / path).write_bytes(data)
    namespaces = sum(len(cluster.namespaces) for cluster in org.clusters)
    stages = {stage: sum(1 for c in org.clusters for n in c.namespaces if n.stage == stage)
              for stage in ("off", "warn", "deny")}
    repositories = sum(len(team.repositories) for team in org.teams)
    print(f"{out}: {len(yaml_files) + len(pem_files)} files ({len(yaml_files)} YAML, {len(pem_files)} PEM), "
          f"{yaml_bytes + pem_bytes} bytes ({yaml_bytes} YAML); "
          f"{len(org.clusters)} clusters, {namespaces} namespaces "
          f"(off {stages['off']}, warn {stages['warn']}, deny {stages['deny']}; "
          f"{sum(1 for c in org.clusters for n in c.namespaces if n.trusted_team)} limited to their team), "
          f"{len(org.teams)} teams, {repositories} repositories, {len(org.registries)} registries, "
          f"{len(org.identities)} identities, "
          f"{len({r for rs in org.environment_regions.values() for r in rs})} regions; "
          f"size {size}, seed {seed}, {time.monotonic() - started:.2f}s")
    if violations is not None:
        print(write_violation_exports(org, violations, expected_rollout))
    return 0


# --- --change


def _load(path: Path) -> dict:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    # Keep dates (and YAML 1.1 booleans) as strings, as trustc reads them.
    Loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers
              if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(path.read_text(), Loader=Loader)


def _middle(items: list) -> object:
    if not items:
        sys.exit("error: nothing to change (is this a generated organisation?)")
    return items[len(items) // 2]


def change_team(out: Path) -> str:
    files = sorted(p for p in (out / "teams").glob("*.yaml") if p.stem != PLATFORM)
    path = _middle(files)
    team = _load(path)["metadata"]["name"]
    repository = f"{team}/bench-added-service"
    text = path.read_text()
    if f"- {repository}\n" in text:
        sys.exit(f"error: {path} already has {repository} (change already applied)")
    lines = text.splitlines(keepends=True)
    start = lines.index("  repositories:\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    - "):
        end += 1
    lines.insert(end, f"    - {repository}\n")
    path.write_text("".join(lines))
    return f"team: added repository {repository} to {path.relative_to(out)}"


def change_rotation(out: Path) -> str:
    applied = sorted((out / "identities" / "certs").glob("*-root-next.pem"))
    if applied:
        sys.exit(f"error: {applied[0].relative_to(out)} exists (change already applied)")
    candidates = []
    for path in sorted((out / "identities").glob("*.yaml")):
        document = _load(path)
        if len(document["spec"]["certificates"]) == 1:
            candidates.append((path, document))
    if not candidates:
        sys.exit("error: every identity already has a rotation in flight")
    path, document = _middle(candidates)
    name = document["metadata"]["name"]
    file = f"certs/{name}-root-next.pem"
    if (out / "identities" / file).exists():
        sys.exit(f"error: {file} already exists (change already applied)")
    ou = dict(part.strip().split("=", 1) for part in document["spec"]["subject"].split(","))["OU"]
    subject = f"C=US, ST=WA, O={ORGANIZATION_TITLE}, OU={ou}, CN={ORGANIZATION_TITLE} {ou} Root CA Next"
    (out / "identities" / file).write_bytes(certificate_pem(subject, NOT_BEFORE, NOT_AFTER))
    version = f"{uuid.uuid5(uuid.NAMESPACE_URL, 'trustc-bench/rotation/' + name).int:032x}"
    lines = path.read_text().splitlines(keepends=True)
    start = lines.index("  certificates:\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    lines[end:end] = [f"    - file: {file}\n", f"      keyVaultVersion: {q(version)}\n"]
    path.write_text("".join(lines))
    return f"rotation: added {file} to {path.relative_to(out)}"


def change_namespace(out: Path) -> str:
    new_since = LAST_DATE
    minimums: dict[str, int] = {}
    for path in (out / "environments").glob("*.yaml"):
        document = _load(path)
        minimums[document["metadata"]["name"]] = int(document["spec"].get("minimumWarnDays", 14))
    # Cluster files are read as the generator writes them (line by line, no YAML parser), from
    # the middle one by sorted path onwards, so that this stays fast for 10,000 clusters.
    files = sorted((out / "clusters").rglob("*.yaml"))
    if not files:
        sys.exit("error: no cluster files (is this a generated organisation?)")
    middle = len(files) // 2
    for path in files[middle:] + files[:middle]:
        lines = path.read_text().splitlines(keepends=True)
        environment = next(line.split(":", 1)[1].strip() for line in lines if line.startswith("  environment: "))
        minimum = minimums[environment]
        for index, line in enumerate(lines[:-2]):
            if not (line.startswith("    - name: ") and lines[index + 1] == "      stage: warn\n"):
                continue
            since_line = lines[index + 2]
            assert since_line.startswith("      since: "), f"{path}: unexpected layout near line {index + 1}"
            since = since_line.split(":", 1)[1].strip()
            if (new_since - dt.date.fromisoformat(since)).days < minimum:
                continue
            name = line.split(":", 1)[1].strip()
            lines[index + 1: index + 3] = ["      stage: deny\n", f"      since: {new_since.isoformat()}\n",
                                           f"      warnSince: {since}\n"]
            path.write_text("".join(lines))
            return (f"namespace: {name} in {path.relative_to(out)}: warn since {since} -> "
                    f"deny since {new_since.isoformat()} (warnSince {since})")
    sys.exit("error: no warn namespace has been in warn long enough to deny")


def change(kind: str, out: Path) -> int:
    if not (out / "organization.yaml").is_file():
        sys.exit(f"error: {out} is not a generated organisation (no organization.yaml)")
    started = time.monotonic()
    message = {"team": change_team, "rotation": change_rotation, "namespace": change_namespace}[kind](out)
    print(f"{out}: {message} ({time.monotonic() - started:.2f}s)")
    return 0


# --- --inventory


def go_name(subject: str) -> str:
    """`C=US, ST=WA, O=X, OU=Y, CN=Z` as Go's pkix.Name.String() prints it (the generator's
    subjects need no escaping)."""
    values = dict(part.strip().split("=", 1) for part in subject.split(","))
    order = ["SERIALNUMBER", "CN", "OU", "O", "POSTALCODE", "STREET", "L", "ST", "C"]
    return ",".join(f"{key}={values[key]}" for key in order if key in values)


def write_inventory(out: Path, file: Path, images: int, seed: int) -> int:
    import base64
    import hashlib

    started = time.monotonic()
    documents = {"Registry": [], "SigningIdentity": [], "Team": [], "Environment": []}
    for path in sorted(out.rglob("*.yaml")):
        if "clusters" in path.relative_to(out).parts:
            continue
        for document in _load_all(path):
            if isinstance(document, dict) and document.get("kind") in documents:
                documents[document["kind"]].append(document)
    if not documents["Registry"] or not documents["Team"]:
        sys.exit(f"error: {out} has no registries or teams (is it a policy directory?)")

    def fingerprint(path: Path) -> str:
        body = "".join(line for line in path.read_text().splitlines() if line and not line.startswith("-----"))
        return hashlib.sha256(base64.b64decode(body)).hexdigest()

    def label(text: str) -> str:
        return hashlib.sha256(f"trustc-bench/inventory/{text}".encode()).hexdigest()

    identities = {}
    for document in documents["SigningIdentity"]:
        name, spec = document["metadata"]["name"], document["spec"]
        directory = out / Path(document["__file__"]).parent
        roots = [(fingerprint(directory / c["file"]), c["file"]) for c in spec["certificates"]]
        subject = go_name(spec["subject"])
        tsa = spec.get("timestampAuthority")
        identities[name] = {
            "environment": spec["environment"], "subject": subject,
            "roots": roots,  # oldest first, as listed
            "tsa": fingerprint(directory / tsa["file"]) if tsa else None,
        }
    environments = {d["metadata"]["name"]: d["spec"] for d in documents["Environment"]}
    registries = [(d["spec"]["loginServer"], d["spec"]["environment"]) for d in documents["Registry"]]
    teams = []
    for document in documents["Team"]:
        spec = document["spec"]
        for environment in spec.get("environments", []):
            own = [i for i in spec.get("signingIdentities", []) if identities.get(i, {}).get("environment") == environment]
            if own and spec.get("repositories"):
                teams.append((document["metadata"]["name"], environment, spec["repositories"], own))
    by_environment: dict[str, list] = {}
    for team in teams:
        by_environment.setdefault(team[1], []).append(team)
    registries = [r for r in registries if r[1] in by_environment]
    identity_names = sorted(identities)

    def certificate(fp: str, issued_to: str, issued_by: str, expiry: str) -> dict:
        return {"SHA256Fingerprint": fp, "issuedTo": issued_to, "issuedBy": issued_by, "expiry": expiry}

    def chain(identity: str, root_index: int, leaf_subject: str | None = None) -> list[dict]:
        facts = identities[identity]
        root_fp, root_file = facts["roots"][root_index]
        ca = facts["subject"].replace(f"CN={identity}.", "CN=ca-").split(",")
        issuing = ",".join([f"CN={identity} Issuing CA {root_index}"] + ca[1:])
        root = ",".join([f"CN={identity} Root CA {root_index}"] + ca[1:])
        leaf = leaf_subject or facts["subject"]
        return [certificate(label(f"{identity}/{root_index}/leaf/{leaf}"), leaf, issuing, "2028-06-01T00:00:00Z"),
                certificate(label(f"{identity}/{root_index}/issuing"), issuing, root, "2033-01-01T00:00:00Z"),
                certificate(root_fp, root, root, "2035-01-01T00:00:00Z")]

    unknown_root = [certificate(label("unknown/leaf"), "CN=ci.example.org,O=Example,ST=CA,C=US",
                                "CN=Example Root,O=Example,ST=CA,C=US", "2028-01-01T00:00:00Z"),
                    certificate(label("unknown/root"), "CN=Example Root,O=Example,ST=CA,C=US",
                                "CN=Example Root,O=Example,ST=CA,C=US", "2035-01-01T00:00:00Z")]

    def signature(n: int, artifact: str, certificates: list[dict], v2: bool, tsa: str | None) -> dict:
        signed = {"signingScheme": "notary.x509", "signingTime": "2026-11-02T10:15:00Z"}
        unsigned = {"signingAgent": "notation-go/1.3.2"}
        if tsa:
            tsa_root = "CN=Timestamp Authority Root CA,OU=Timestamping,O=Fabrikam,ST=WA,C=US"
            unsigned["timestampSignature"] = {
                "timestamp": "[2026-11-02T10:15:00Z, 2026-11-02T10:15:01Z]",
                "certificates": [certificate(label("tsa/leaf"), "CN=Timestamp Authority 2026,OU=Timestamping,O=Fabrikam,ST=WA,C=US",
                                             tsa_root, "2031-01-01T00:00:00Z"),
                                 certificate(tsa, tsa_root, tsa_root, "2040-01-01T00:00:00Z")]}
        result = {} if v2 else {"mediaType": "application/jose+json"}
        result["digest"] = "sha256:" + label(f"signature/{artifact}/{n}")
        result["signatureAlgorithm"] = "ECDSA-SHA-384"
        if v2:
            result["signatureEnvelopeType"] = "application/jose+json"
            signed["contentType"] = "application/vnd.cncf.notary.payload.v1+json"
        result["signedAttributes"] = dict(sorted(signed.items()))
        result["userDefinedAttributes"] = None
        result["unsignedAttributes"] = dict(sorted(unsigned.items()))
        result["certificates"] = certificates
        result["signedArtifact"] = {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": artifact, "size": 1578}
        return result

    rng = random.Random(f"trustc-bench/inventory/{seed}")
    written = 0
    with open(file, "w") as output:
        for index in range(images):
            server, environment = rng.choice(registries)
            team, _, repositories, own = rng.choice(by_environment[environment])
            repository = rng.choice(repositories)
            artifact = "sha256:" + label(f"image/{index}")
            roll = rng.random()
            plan: list[tuple[str, int, str | None]] = []  # (identity, root index, leaf subject)
            certificates_override = None
            if roll < 0.005:
                server = "ghcr.io"
            elif roll < 0.010:
                repository = f"{team}/unowned-{index % 97}"
            if roll < 0.010 or roll >= 0.045:
                for identity in rng.sample(own, min(len(own), 2 if rng.random() < 0.2 else 1)):
                    roots = identities[identity]["roots"]
                    root = 0 if len(roots) > 1 and rng.random() < 0.2 else len(roots) - 1
                    plan.append((identity, root, None))
            elif roll < 0.030:
                pass  # unsigned
            elif roll < 0.035:
                certificates_override = unknown_root
            elif roll < 0.040:
                identity = own[0]
                plan.append((identity, len(identities[identity]["roots"]) - 1,
                             identities[identity]["subject"].replace("CN=", "CN=bot-", 1)))
            else:
                others = [n for n in identity_names if n not in own]
                identity = others[index % len(others)]
                plan.append((identity, len(identities[identity]["roots"]) - 1, None))
            v2 = index % 2 == 1
            signatures = [signature(n, artifact, chain(identity, root, leaf), v2, identities[identity]["tsa"])
                          for n, (identity, root, leaf) in enumerate(plan)]
            if certificates_override:
                signatures.append(signature(0, artifact, certificates_override, v2, None))
            document = {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                        "signatures" if v2 else "Signatures": signatures,
                        "reference": f"{server}/{repository}@{artifact}"}
            output.write(json.dumps(document, separators=(",", ":")) + "\n")
            written += 1
    print(f"{file}: {written} images, {file.stat().st_size} bytes, from {out} "
          f"({len(registries)} registries, {len(identities)} identities); {time.monotonic() - started:.2f}s")
    return 0


def _load_all(path: Path) -> list:
    """Every document of a file, each with the file's path (certificate files are relative to it)."""
    import yaml

    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    documents = list(yaml.load_all(path.read_text(), Loader=Loader))
    for document in documents:
        if isinstance(document, dict):
            document["__file__"] = str(path)
    return documents


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Generate a synthetic trustc organisation for benchmarks.",
                                     epilog="See the module docstring for the shapes and the changes.")
    parser.add_argument("--size", choices=sorted(SIZES), help="the organisation's size")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="the policy directory to write or change")
    parser.add_argument("--force", action="store_true", help="replace an existing generated organisation in --out")
    parser.add_argument("--trusted-teams", type=int, default=0, metavar="PERCENT",
                        help="limit about PERCENT %% of the team namespaces to their team's images (default 0)")
    parser.add_argument("--granularity", choices=["repository", "registry"], default="repository",
                        help="the Organization's scopeGranularity (default repository)")
    parser.add_argument("--violations", type=Path, metavar="DIR",
                        help="also write a Gatekeeper violations export for every cluster, DIR/<cluster>.json")
    parser.add_argument("--expected-rollout", type=Path, metavar="FILE",
                        help=f"with --violations: write the JSON `trustc rollout --format json --now {ROLLOUT_NOW}` must print")
    parser.add_argument("--change", choices=["team", "rotation", "namespace"],
                        help="apply one small deterministic edit to the organisation in --out instead of generating")
    parser.add_argument("--inventory", type=Path, metavar="FILE",
                        help="write a registry inventory (JSON Lines) of the organisation in --out to FILE instead of generating")
    parser.add_argument("--images", type=int, default=100_000, help="images in the --inventory (default 100,000)")
    args = parser.parse_args(argv)
    if args.inventory:
        if args.size or args.change or args.violations:
            parser.error("--inventory reads an existing directory; it takes no --size, --change or --violations")
        return write_inventory(args.out, args.inventory, args.images, args.seed)
    if args.change:
        if args.size or args.violations:
            parser.error("--change edits an existing directory; it takes no --size or --violations")
        return change(args.change, args.out)
    if not args.size:
        parser.error("--size is required (or --change)")
    if not 0 <= args.trusted_teams <= 100:
        parser.error("--trusted-teams is a percentage, 0 to 100")
    if args.expected_rollout and not args.violations:
        parser.error("--expected-rollout needs --violations")
    return generate(args.size, args.seed, args.out, args.force, args.trusted_teams, args.granularity, args.violations,
                    args.expected_rollout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
