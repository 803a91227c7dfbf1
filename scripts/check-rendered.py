#!/usr/bin/env python3
"""Independent checker of trustc's rendered output.

Usage:
    scripts/check-rendered.py OUT [--anchors DIR]

    OUT        a directory written by `trustc render` (with or without --self-contained).
    --anchors  the anchor directory (default: Tests/TrustPolicyCompilerTests/Fixtures/anchors
               in the repository root, i.e. beside this script's directory); it must hold
               `ratify/<kind>.schema.json` and `azure-policy/*.json`.

Written from the consumers' rules (notation-go, Ratify v1.4, Azure Policy, kustomize), not from
trustc's code, so that it catches renderer bugs. It checks:

 1. Notation trust policies (`trustpolicy.oci.json`, `trustpolicy.json`, every Ratify
    verifier's `trustPolicyDoc`): notation-go's `OCIDocument.Validate` with its messages, plus
    stricter rules (unknown identity prefixes, `tsa`-only statements, `skip` with the `*` scope,
    unknown or wrongly cased fields that Go's decoder would silently ignore or match).
 2. Notation trust stores: every named store exists with certificates; one PEM certificate per
    file; `ca`/`signingAuthority` certificates are CAs or self-signed; `tsa` certificates are
    self-signed roots; no private key anywhere.
 3. Ratify manifests: API version, the anchor CRD schema of the kind, fields the API server would
    prune, Kubernetes names, scope, KMP shapes, the notation verifier's parameters and its KMP
    references resolved in the bundle's kustomize build with Ratify's multi-tenancy rules.
 4. Azure Policy: the custom definition, every assignment (parameters against the definition it
    names, effect, namespaces, scope, names), per cluster stage rules.
 5. Bundles: kustomization resources, bundle.json and trustc-manifest.json digests and coverage,
    text hygiene (LF, trailing newline, no trailing whitespace), YAML 1.1/1.2 ambiguity.
 6. Environment consistency: self-contained bundles of one environment carry byte-identical
    environment-wide content.

Output: one line per problem, `path: rule: message`, path relative to OUT, sorted.
Exit status: 0 when everything passes, 1 when a problem was found, 2 on usage errors.

Requires Python 3.9+, PyYAML, jsonschema (>= 4, Draft202012Validator) and cryptography (>= 40).
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime
import functools
import hashlib
import json
import math
import os
import re
import sys
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ANCHORS = REPO_ROOT / "Tests" / "TrustPolicyCompilerTests" / "Fixtures" / "anchors"

try:
    import yaml
    import jsonschema
    from cryptography import x509
    from cryptography.x509.oid import ExtensionOID
except ImportError as error:  # pragma: no cover - environment problem
    print(f"check-rendered.py: missing Python module: {error}", file=sys.stderr)
    sys.exit(2)

# --------------------------------------------------------------------------------------------
# Constants from the primary sources
# --------------------------------------------------------------------------------------------

RATIFY_API_VERSION = "config.ratify.deislabs.io/v1beta1"
NOTARY_ARTIFACT_TYPE = "application/vnd.cncf.notary.signature"
CLUSTER_KINDS = {"Verifier", "KeyManagementProvider", "Store", "Policy", "CertificateStore"}
NAMESPACED_KINDS = {
    "NamespacedVerifier", "NamespacedKeyManagementProvider", "NamespacedStore",
    "NamespacedPolicy",
}
# CertificateStore is namespaced in the CRD but deprecated; trustc must not emit it.
CLUSTER_KINDS.discard("CertificateStore")
RATIFY_KINDS = CLUSTER_KINDS | NAMESPACED_KINDS

TRUST_STORE_TYPES = ("ca", "signingAuthority", "tsa")
# notation-go v1.0 and v1.1 (truststore.Types): no timestamp authorities; an unknown type fails the
# whole document, and the unknown `verifyTimestamp` key is ignored by encoding/json.
TRUST_STORE_TYPES_V1_1 = ("ca", "signingAuthority")
LEVELS = ("strict", "permissive", "audit", "skip")
VALIDATION_TYPES = ("integrity", "authenticity", "authenticTimestamp", "expiry", "revocation")
VALIDATION_ACTIONS = ("enforce", "log", "skip")
STORE_NAME = re.compile(r"[a-zA-Z0-9_.-]+")
# notation-go validateRegistryScopeFormat (distribution's regexes). The repository expression is
# rewritten without the empty-matching `[-]*` alternative, which accepts the same language but
# does not backtrack exponentially in Python's engine: `(?:[._]|__|[-]*)` between two
# alphanumeric runs is the same as "nothing, or one of . _ __ -+".
DOMAIN_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?"
SCOPE_DOMAIN = re.compile(rf"{DOMAIN_LABEL}(?:\.{DOMAIN_LABEL})*(?::[0-9]+)?")
PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
SCOPE_REPOSITORY = re.compile(rf"{PATH_COMPONENT}(?:/{PATH_COMPONENT})*")
SCOPE_SUFFIX = (", make sure it is a fully qualified repository without the scheme, protocol or "
                "tag. For example domain.com/my/repository or a local scope like local/myOCILayout")

DNS1123_LABEL = re.compile(r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?")
DNS1123_SUBDOMAIN = re.compile(r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*")
QUALIFIED_NAME = re.compile(r"(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")
LABEL_VALUE = re.compile(r"(?:(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?")
GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
HEX32 = re.compile(r"[0-9a-fA-F]{32}")
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
MANAGED_CLUSTER_ID = re.compile(
    r"/subscriptions/(?P<sub>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
    r"/resourceGroups/(?P<rg>[-\w.()]{0,89}[-\w()])"
    r"/providers/Microsoft\.ContainerService/managedClusters/(?P<name>[a-zA-Z0-9](?:[a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?)",
    re.IGNORECASE)
DEFINITION_SCOPE = re.compile(
    r"/providers/Microsoft\.Management/managementGroups/[-\w.()]{1,90}"
    r"|/subscriptions/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    re.IGNORECASE)
BUILTIN_IMAGE_INTEGRITY_ID = "/providers/Microsoft.Authorization/policyDefinitions/cf426bb8-b320-4321-8545-1b784a5df3a4"
# "Kubernetes cluster containers should only use allowed images": the registry guard beside a
# registry-wide (`*`) trust statement. Its template matches with re_match, which is not anchored.
BUILTIN_ALLOWED_IMAGES_ID = "/providers/Microsoft.Authorization/policyDefinitions/febd0533-8e55-448f-b837-bd0e06f16469"
AZURE_NAME_FORBIDDEN = set('<>*%&:\\?.+/')
PARAMETER_REFERENCE = re.compile(r"parameters\(\s*'([^']*)'\s*\)")
PRIVATE_KEY_MARKER = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
PEM_BLOCK = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\n(.*?)-----END ([A-Z0-9 ]+)-----\n?", re.DOTALL)


def goq(value) -> str:
    """Go's %q for the strings in messages (close enough: JSON string syntax)."""
    if not isinstance(value, str):
        value = json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


def goq_list(values) -> str:
    return "[" + " ".join(goq(v) for v in values) + "]"


def type_name(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


# --------------------------------------------------------------------------------------------
# YAML 1.1 / 1.2 scalar resolution
# --------------------------------------------------------------------------------------------

CORE_INT10 = re.compile(r"[-+]?[0-9]+")
CORE_INT8 = re.compile(r"0o[0-7]+")
CORE_INT16 = re.compile(r"0x[0-9a-fA-F]+")
CORE_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
CORE_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
CORE_NAN = re.compile(r"\.(?:nan|NaN|NAN)")


def resolve_yaml12_core(text: str):
    """The YAML 1.2 core schema's resolution of a plain scalar: (type, value)."""
    if text in ("", "~", "null", "Null", "NULL"):
        return "null", None
    if text in ("true", "True", "TRUE"):
        return "bool", True
    if text in ("false", "False", "FALSE"):
        return "bool", False
    if CORE_INT10.fullmatch(text):
        return "int", int(text)
    if CORE_INT8.fullmatch(text):
        return "int", int(text[2:], 8)
    if CORE_INT16.fullmatch(text):
        return "int", int(text[2:], 16)
    if CORE_FLOAT.fullmatch(text):
        return "float", float(text)
    if CORE_INF.fullmatch(text):
        return "float", -math.inf if text.startswith("-") else math.inf
    if CORE_NAN.fullmatch(text):
        return "float", math.nan
    return "str", text


def yaml11_value(node):
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node)
    finally:
        loader.dispose()


def same_scalar(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


# --------------------------------------------------------------------------------------------
# Distinguished names: go-ldap v3 ParseDN and notation-go pkix.ParseDistinguishedName
# --------------------------------------------------------------------------------------------

class DNError(Exception):
    pass


def ldap_strip(value: str) -> str:
    stripped = value.strip(" ")
    if stripped and value.endswith(" "):
        backslashes = len(stripped) - len(stripped.rstrip("\\"))
        if backslashes % 2 == 1:
            stripped += " "
    return stripped


def ldap_decode_string(raw: str, strict_problems: list) -> str:
    s = ldap_strip(raw)
    out = bytearray()
    i = 0
    while i < len(s):
        char = s[i]
        if char != "\\":
            if char in '"<>' or char == "\x00":
                # go-ldap releases after v3.4.11 reject these raw (RFC 4514 section 2.4).
                strict_problems.append(char)
            out += char.encode("utf-8")
            i += 1
            continue
        if i + 1 >= len(s):
            raise DNError("got corrupted escaped character")
        nxt = s[i + 1]
        if nxt in ' "#+,;<=>\\':
            out += nxt.encode("utf-8")
            i += 2
            continue
        if i + 2 >= len(s):
            raise DNError(f"failed to decode escaped character: encoding/hex: invalid byte: {nxt}")
        pair = s[i + 1:i + 3]
        if len(pair) != 2 or len(pair.encode("utf-8")) != 2:
            raise DNError(f"failed to decode escaped character: invalid byte: {pair}")
        try:
            out += bytes.fromhex(pair)
        except ValueError:
            raise DNError(f"failed to decode escaped character: encoding/hex: invalid byte: {pair!r}")
        i += 3
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return out.decode("utf-8", errors="replace")


def ldap_parse_dn(text: str, strict_problems: list):
    """go-ldap v3 ParseDN: a list of RDNs, each a list of (type, value)."""
    if text.strip() == "":
        return []
    rdns, rdn = [], []
    attr_type = ""
    escaping = False
    start = 0
    for i, char in enumerate(text):
        if escaping:
            escaping = False
        elif char == "\\":
            escaping = True
        elif char == "=" and attr_type == "":
            attr_type = ldap_decode_string(text[start:i], strict_problems)
            start = i + 1
        elif char in ",+;":
            if attr_type == "":
                raise DNError("incomplete type, value pair")
            value = text[start:i]
            if value.startswith("#"):
                raise DNError("unsupported BER encoding")
            rdn.append((attr_type, ldap_decode_string(value, strict_problems)))
            attr_type = ""
            start = i + 1
            if char != "+":
                rdns.append(rdn)
                rdn = []
    if attr_type == "":
        raise DNError("DN ended with incomplete type, value pair")
    rdn.append((attr_type, ldap_decode_string(text[start:], strict_problems)))
    rdns.append(rdn)
    return rdns


def notation_parse_dn(name: str, strict_problems: list):
    """notation-go internal/pkix.ParseDistinguishedName; raises DNError with notation's message."""
    if "=#" in name:
        raise DNError(f"unsupported distinguished name (DN) {goq(name)}: notation does not support "
                      'x509.subject identities containing "=#"')
    try:
        rdns = ldap_parse_dn(name, strict_problems)
    except DNError as error:
        raise DNError(f"parsing distinguished name (DN) {goq(name)} failed with err: {error}. A valid DN "
                      "must contain 'C', 'ST' or 'S', and 'O' RDN attributes at a minimum, and follow "
                      "RFC 4514 standard")
    attributes = {}
    for rdn in rdns:
        if len(rdn) > 1:
            raise DNError(f"distinguished name (DN) {goq(name)} has multi-valued RDN attributes, remove "
                          "multi-valued RDN attributes as they are not supported")
        for attr_type, value in rdn:
            if attr_type == "S":
                attr_type = "ST"
            # Stricter than notation-go, which misses a repeat when the first value was empty.
            if attr_type in attributes:
                raise DNError(f"distinguished name (DN) {goq(name)} has duplicate RDN attribute for "
                              f"{goq(attr_type)}, DN can only have unique RDN attributes")
            attributes[attr_type] = value
    for field in ("C", "ST", "O"):
        if not attributes.get(field):
            raise DNError(f"distinguished name (DN) {goq(name)} has no mandatory RDN attribute for "
                          f"{goq(field)}, it must contain 'C', 'ST' or 'S', and 'O' RDN attributes at a minimum")
    return attributes


def is_subset_dn(dn1: dict, dn2: dict) -> bool:
    return all(dn1[key] == dn2.get(key, "") for key in dn1)


# --------------------------------------------------------------------------------------------
# Notation trust policy document (notation-go OCIDocument.Validate), with Go decoding rules
# --------------------------------------------------------------------------------------------

DOC_FIELDS = ("version", "trustPolicies")
STATEMENT_FIELDS = ("name", "registryScopes", "signatureVerification", "trustStores", "trustedIdentities")
VERIFICATION_FIELDS = ("level", "override", "verifyTimestamp")


def go_fields(obj: dict, allowed, where: str, errors: list) -> dict:
    """Go's encoding/json: fields match case-insensitively and unknown ones are ignored. Both
    are reported (a misspelled or miscased field is a renderer bug even if Go tolerates it)."""
    result = {}
    lowered = {name.lower(): name for name in allowed}
    for key, value in obj.items():
        if key in allowed:
            result[key] = value
        elif isinstance(key, str) and key.lower() in lowered:
            canonical = lowered[key.lower()]
            errors.append(("notation.field-case", f"{where}field {goq(key)} matches {goq(canonical)} "
                           "only case-insensitively (Go accepts it, other readers do not)"))
            result.setdefault(canonical, value)
        else:
            errors.append(("notation.unknown-field", f"{where}unknown field {goq(key)} (ignored by notation-go)"))
    return result


def go_string(value, where: str, field: str, errors: list) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    errors.append(("notation.malformed", f"malformed trust policy: {where}{field} is {type_name(value)} "
                   f"{json.dumps(value)}, not a string (json: cannot unmarshal)"))
    return ""


def go_strings(value, where: str, field: str, errors: list) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        errors.append(("notation.malformed", f"malformed trust policy: {where}{field} is {type_name(value)}, "
                       "not an array of strings (json: cannot unmarshal)"))
        return []
    result = []
    for item in value:
        if isinstance(item, str):
            result.append(item)
        else:
            errors.append(("notation.malformed", f"malformed trust policy: {where}{field} has "
                           f"{type_name(item)} {json.dumps(item)}, not a string (json: cannot unmarshal)"))
    return result


def validate_trust_policy_document(doc, store_types=TRUST_STORE_TYPES) -> list:
    """Every problem of an OCI trust policy document as (rule, message). notation-go stops at the
    first; this reports them all, with notation-go's messages where it has one. `store_types` are
    the trust store types of the notation-go release checked against (v1.3 by default)."""
    errors: list = []
    if not isinstance(doc, dict):
        return [("notation.malformed", f"malformed trust policy: the document is {type_name(doc)}, not an object")]
    top = go_fields(doc, DOC_FIELDS, "", errors)
    version = go_string(top.get("version"), "", "version", errors)
    if version == "":
        errors.append(("notation.version", "oci trust policy document has empty version, version must be specified"))
    elif version != "1.0":
        errors.append(("notation.version", f"oci trust policy document uses unsupported version {goq(version)}"))

    raw_statements = top.get("trustPolicies")
    statements = []
    if raw_statements is None:
        pass
    elif not isinstance(raw_statements, list):
        errors.append(("notation.malformed", "malformed trust policy: trustPolicies is "
                       f"{type_name(raw_statements)}, not an array"))
    else:
        for index, item in enumerate(raw_statements):
            if not isinstance(item, dict):
                errors.append(("notation.malformed", f"malformed trust policy: trustPolicies[{index}] is "
                               f"{type_name(item)}, not an object"))
                continue
            where = f"trustPolicies[{index}]: "
            fields = go_fields(item, STATEMENT_FIELDS, where, errors)
            verification_raw = fields.get("signatureVerification")
            verification = {}
            if verification_raw is None:
                pass
            elif not isinstance(verification_raw, dict):
                errors.append(("notation.malformed", f"malformed trust policy: {where}signatureVerification is "
                               f"{type_name(verification_raw)}, not an object"))
            else:
                verification = go_fields(verification_raw, VERIFICATION_FIELDS, where + "signatureVerification: ", errors)
            override_raw = verification.get("override")
            override = {}
            if override_raw is None:
                pass
            elif not isinstance(override_raw, dict):
                errors.append(("notation.malformed", f"malformed trust policy: {where}override is "
                               f"{type_name(override_raw)}, not an object"))
            else:
                for key, value in override_raw.items():
                    override[key] = go_string(value, where, f"override.{key}", errors)
            statements.append({
                "name": go_string(fields.get("name"), where, "name", errors),
                "level": go_string(verification.get("level"), where, "level", errors),
                "override": override,
                "verifyTimestamp": go_string(verification.get("verifyTimestamp"), where, "verifyTimestamp", errors),
                "trustStores": go_strings(fields.get("trustStores"), where, "trustStores", errors),
                "trustedIdentities": go_strings(fields.get("trustedIdentities"), where, "trustedIdentities", errors),
                "registryScopes": go_strings(fields.get("registryScopes"), where, "registryScopes", errors),
            })

    if not statements:
        errors.append(("notation.statements", "oci trust policy document can not have zero trust policy statements"))
    seen_names = set()
    for statement in statements:
        name = statement["name"]
        if name in seen_names:
            errors.append(("notation.statement-name", f"multiple oci trust policy statements use the same name "
                           f"{goq(name)}, statement names must be unique"))
        seen_names.add(name)
        errors += [(rule, "oci trust policy: " + message) for rule, message in validate_statement_core(statement, store_types)]

    # validateRegistryScopes
    counts: Counter = Counter()
    for statement in statements:
        name, scopes = statement["name"], statement["registryScopes"]
        if not scopes:
            errors.append(("notation.scope", f"oci trust policy statement {goq(name)} has zero registry scopes, "
                           "it must specify registry scopes with at least one value"))
        if "*" in scopes and len(scopes) > 1:
            errors.append(("notation.scope", f"oci trust policy statement {goq(name)} uses wildcard registry scope "
                           "'*', a wildcard scope cannot be used in conjunction with other scope values"))
        for scope in scopes:
            if scope != "*":
                message = registry_scope_problem(scope)
                if message:
                    errors.append(("notation.scope", message))
            counts[scope] += 1
        # Stricter (the specification): a global scope cannot be skipped.
        if statement["level"] == "skip" and "*" in scopes:
            errors.append(("notation.skip-global", f"oci trust policy statement {goq(name)} skips verification for "
                           "the wildcard scope '*' (the trust policy specification forbids it; notation-go does not check)"))
    for scope, count in sorted(counts.items()):
        if count > 1:
            errors.append(("notation.duplicate-scope", f"registry scope {goq(scope)} is present in multiple oci trust "
                           "policy statements, one registry scope value can only be associated with one statement"))
    return errors


def without_timestamping(document):
    """An OCI trust policy document as Notation 1.0/1.1 can take it: every `tsa:` trust store and
    every `verifyTimestamp` removed, nothing else changed."""
    if not isinstance(document, dict) or not isinstance(document.get("trustPolicies"), list):
        return document
    statements = []
    for statement in document["trustPolicies"]:
        if not isinstance(statement, dict):
            statements.append(statement)
            continue
        copy = dict(statement)
        if isinstance(copy.get("signatureVerification"), dict):
            copy["signatureVerification"] = {key: value for key, value in copy["signatureVerification"].items()
                                             if key != "verifyTimestamp"}
        if isinstance(copy.get("trustStores"), list):
            copy["trustStores"] = [store for store in copy["trustStores"] if not str(store).startswith("tsa:")]
        statements.append(copy)
    return {**document, "trustPolicies": statements}


def registry_scope_problem(scope: str):
    if "*" in scope:
        return f"registry scope {goq(scope)} with wild card(s) is not valid{SCOPE_SUFFIX}"
    domain, slash, repository = scope.partition("/")
    if (not slash or domain == "" or repository == "" or not SCOPE_DOMAIN.fullmatch(domain)
            or not SCOPE_REPOSITORY.fullmatch(repository)):
        return f"registry scope {goq(scope)} is not valid{SCOPE_SUFFIX}"
    return None


def validate_statement_core(statement, store_types=TRUST_STORE_TYPES) -> list:
    errors = []
    name = statement["name"]
    if name == "":
        errors.append(("notation.statement-name", "a trust policy statement is missing a name, every statement requires a name"))
    level, override = statement["level"], statement["override"]
    prefix = f"trust policy statement {goq(name)} has invalid signatureVerification: "
    if level == "":
        errors.append(("notation.level", prefix + "signature verification level is empty or missing in the trust policy statement"))
    elif level not in LEVELS:
        errors.append(("notation.level", prefix + f"invalid signature verification level {goq(level)}"))
    elif override and level == "skip":
        errors.append(("notation.override", prefix + "signature verification level \"skip\" can't be used to customize signature verification"))
    else:
        for key in sorted(override):
            action = override[key]
            if key not in VALIDATION_TYPES:
                errors.append(("notation.override", prefix + f"verification type {goq(key)} in custom signature verification "
                               f"is not supported, supported values are {goq_list(VALIDATION_TYPES)}"))
            elif action not in VALIDATION_ACTIONS:
                errors.append(("notation.override", prefix + f"verification action {goq(action)} in custom signature "
                               f"verification is not supported, supported values are {goq_list(VALIDATION_ACTIONS)}"))
            elif key == "integrity":
                errors.append(("notation.override", prefix + f"{goq(key)} verification can not be overridden in custom signature verification"))
            elif key != "revocation" and action == "skip":
                errors.append(("notation.override", prefix + f"{goq(key)} verification can not be skipped in custom signature verification"))
    timestamp = statement["verifyTimestamp"]
    if timestamp not in ("", "always", "afterCertExpiry"):
        errors.append(("notation.verify-timestamp", prefix + f'verifyTimestamp must be "always" or "afterCertExpiry", but got {goq(timestamp)}'))
    stores, identities = statement["trustStores"], statement["trustedIdentities"]
    if level == "skip":
        if stores or identities:
            errors.append(("notation.skip", f"trust policy statement {goq(name)} is set to skip signature verification but "
                           "configured with trust stores and/or trusted identities, remove them if signature verification "
                           "needs to be skipped"))
        return errors
    if not stores or not identities:
        errors.append(("notation.stores-identities", f"trust policy statement {goq(name)} is either missing trust stores or "
                       "trusted identities, both must be specified"))
    for store in stores:
        store_type, colon, store_name = store.partition(":")
        if not colon:
            errors.append(("notation.trust-store", f"trust policy statement {goq(name)} has malformed trust store value "
                           f"{goq(store)}. The required format is <TrustStoreType>:<TrustStoreName>"))
        elif store_type not in store_types:
            errors.append(("notation.trust-store", f"trust policy statement {goq(name)} uses an unsupported trust store type "
                           f"{goq(store_type)} in trust store value {goq(store)}"))
        elif not STORE_NAME.fullmatch(store_name):
            errors.append(("notation.trust-store", f"trust policy statement {goq(name)} uses an unsupported trust store name "
                           f"{goq(store_name)} in trust store value {goq(store)}. Named store name needs to follow "
                           "[a-zA-Z0-9_.-]+ format"))
    if stores and all(store.partition(":")[0] == "tsa" for store in stores):
        errors.append(("notation.tsa-only", f"trust policy statement {goq(name)} lists only tsa trust stores: no signing "
                       "root is trusted, so every verification fails (notation-go accepts it)"))
    errors += validate_identities(name, identities)
    errors += timestamp_coverage(statement)
    return errors


def timestamp_coverage(statement) -> list:
    """notation-go verifier.verifyTimestamp: with a `tsa:` store listed and verifyTimestamp
    "always" (or unset), every notary.x509 signature must carry an RFC 3161 countersignature
    ("no timestamp countersignature was found in the signature envelope"); the failure is
    enforced when authenticTimestamp is `enforce` (level strict, or an override). trustc names
    each store after its signing identity and gives `tsa:<identity>` only to identities with a
    timestamp authority, so a signing store without a same-named tsa store is an identity whose
    signatures carry no timestamp and would be rejected by this statement."""
    level, override, stores = statement["level"], statement["override"], statement["trustStores"]
    default = {"strict": "enforce", "permissive": "log", "audit": "log"}.get(level)
    action = override.get("authenticTimestamp", default)
    if action != "enforce" or statement["verifyTimestamp"] == "afterCertExpiry":
        return []
    parsed = [store.partition(":") for store in stores if ":" in store]
    tsa = {store_name for store_type, _, store_name in parsed if store_type == "tsa"}
    if not tsa:
        return []
    uncovered = sorted({f"{store_type}:{store_name}" for store_type, _, store_name in parsed
                        if store_type in ("ca", "signingAuthority") and store_name not in tsa})
    if not uncovered:
        return []
    timestamp = statement["verifyTimestamp"] or "always"
    return [("notation.timestamp-required",
             f"trust policy statement {goq(statement['name'])} lists {', '.join('tsa:' + t for t in sorted(tsa))} with "
             f"level {level} and verifyTimestamp {goq(timestamp)}, so notation-go requires an RFC 3161 timestamp on every "
             f"signature it verifies; {', '.join(uncovered)} {'has' if len(uncovered) == 1 else 'have'} no tsa store of the "
             "same name (no timestamp authority for that identity), so its signatures fail with \"no timestamp "
             "countersignature was found in the signature envelope\" (use verifyTimestamp \"afterCertExpiry\", or separate "
             "statements)")]


def validate_identities(name: str, identities: list) -> list:
    errors = []
    if len(identities) > 1 and "*" in identities:
        errors.append(("notation.identity", f"trust policy statement {goq(name)} uses a wildcard trusted identity '*', a "
                       "wildcard identity cannot be used in conjunction with other values"))
    parsed = []
    for identity in identities:
        if identity == "":
            errors.append(("notation.identity", f"trust policy statement {goq(name)} has an empty trusted identity"))
            continue
        if identity == "*":
            continue
        prefix, colon, value = identity.partition(":")
        if not colon:
            errors.append(("notation.identity", f"trust policy statement {goq(name)} has trusted identity {goq(identity)} missing separator"))
            continue
        if prefix != "x509.subject":
            errors.append(("notation.identity-prefix", f"trust policy statement {goq(name)} has trusted identity {goq(identity)} "
                           f"with unsupported prefix {goq(prefix)} (notation-go accepts it and ignores it; only "
                           "\"x509.subject\" is verified)"))
            continue
        if value == "":
            errors.append(("notation.identity", f"trust policy statement {goq(name)} has trusted identity {goq(identity)} without an identity value"))
            continue
        strict: list = []
        try:
            attributes = notation_parse_dn(value, strict)
        except DNError as error:
            errors.append(("notation.identity", f"trust policy statement {goq(name)} has trusted identity {goq(identity)} with "
                           f"invalid identity value: {error}"))
            continue
        if strict:
            errors.append(("notation.identity-escaping", f"trust policy statement {goq(name)} has trusted identity {goq(identity)} "
                           f"with unescaped {' '.join(sorted(set(map(repr, strict))))}: RFC 4514 section 2.4 requires escaping "
                           "them (go-ldap v3.4.11, which notation-go pins, accepts them; go-ldap's current dn.go rejects them)"))
        parsed.append((identity, attributes))
    for i, (raw1, dn1) in enumerate(parsed):
        for j, (raw2, dn2) in enumerate(parsed):
            if i != j and is_subset_dn(dn1, dn2):
                errors.append(("notation.overlapping-identities", f"trust policy statement {goq(name)} has overlapping x509 "
                               f"trustedIdentities, {goq(raw1)} overlaps with {goq(raw2)}"))
    return errors


def trust_store_references(doc) -> set:
    """(type, name) of every well-formed trust store entry of a document."""
    refs = set()
    if not isinstance(doc, dict):
        return refs
    for statement in doc.get("trustPolicies") or []:
        if not isinstance(statement, dict):
            continue
        for store in statement.get("trustStores") or []:
            if isinstance(store, str):
                store_type, colon, store_name = store.partition(":")
                if colon:
                    refs.add((store_type, store_name))
    return refs


# --------------------------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def pem_certificates(text: str):
    """(certificates, problems) of a text that should hold exactly one PEM certificate."""
    problems = []
    blocks = list(PEM_BLOCK.finditer(text))
    rest = PEM_BLOCK.sub("", text)
    if rest.strip():
        problems.append("has content outside PEM blocks")
    if not blocks:
        return (), tuple(problems + ["holds no PEM block"])
    certificates = []
    for block in blocks:
        label, body, end_label = block.group(1), block.group(2), block.group(3)
        if label != end_label:
            problems.append(f"has a PEM block BEGIN {label} closed by END {end_label}")
            continue
        if label != "CERTIFICATE":
            problems.append(f"holds a PEM block {label!r}, not CERTIFICATE")
            continue
        try:
            der = base64.b64decode("".join(body.split()), validate=True)
        except (binascii.Error, ValueError):
            problems.append("holds a PEM block that is not valid base64")
            continue
        try:
            certificates.append(x509.load_der_x509_certificate(der))
        except ValueError as error:
            problems.append(f"holds a PEM block that is not an X.509 certificate ({error})")
    if len(blocks) != 1:
        problems.append(f"holds {len(blocks)} PEM blocks, expected exactly one certificate")
    return tuple(certificates), tuple(problems)


def is_ca(certificate) -> bool:
    try:
        return bool(certificate.extensions.get_extension_for_oid(ExtensionOID.BASIC_CONSTRAINTS).value.ca)
    except x509.ExtensionNotFound:
        return False


def self_signature_verifies(certificate) -> bool:
    try:
        certificate.verify_directly_issued_by(certificate)
        return True
    except Exception:  # noqa: BLE001 - any failure means "not self-signed"
        return False


def certificate_problem(certificate, store_type: str):
    """notation-go truststore rules for one certificate, or None."""
    subject = certificate.subject.rfc4514_string()
    if store_type == "tsa":
        # CheckSignatureFrom(self): v3 needs basicConstraints cA, keyUsage (if any) keyCertSign.
        reasons = []
        if certificate.subject != certificate.issuer:
            reasons.append("subject and issuer differ")
        if certificate.version == x509.Version.v3 and not is_ca(certificate):
            reasons.append("basicConstraints cA is not set")
        try:
            usage = certificate.extensions.get_extension_for_oid(ExtensionOID.KEY_USAGE).value
            if not usage.key_cert_sign:
                reasons.append("keyUsage lacks keyCertSign")
        except x509.ExtensionNotFound:
            pass
        if not self_signature_verifies(certificate):
            reasons.append("its signature does not verify with its own key")
        if reasons:
            return f"certificate with subject {goq(subject)} is not a root CA certificate: {', '.join(reasons)}"
        return None
    if not is_ca(certificate) and not self_signature_verifies(certificate):
        return f"certificate with subject {goq(subject)} is not a CA certificate or self-signed signing certificate"
    return None


# --------------------------------------------------------------------------------------------
# The checker
# --------------------------------------------------------------------------------------------

class Checker:
    def __init__(self, out: Path, anchors: Path):
        self.out = out
        self.anchors = anchors
        self.problems: set = set()
        self.files: list = []          # every regular file, relative POSIX paths
        self.file_set: set = set()
        self.dirs: set = set()
        self._json: dict = {}
        self._json_invalid: set = set()  # files that are not JSON (already reported)
        self._yaml: dict = {}
        self.schemas: dict = {}
        self.anchor_definitions: dict = {}
        self.builds: dict = {}         # kustomization directory -> build
        self.in_some_build: set = set()
        self.namespaced_anywhere = False
        self.cluster_uses_namespaced: set = set()
        self._under: dict = defaultdict(list)  # directory -> every file below it
        self._sha256: dict = {}

    # ---- reporting and reading ------------------------------------------------------------

    def report(self, path: str, rule: str, message: str) -> None:
        self.problems.add((path, rule, message))

    def abs(self, rel: str) -> Path:
        return self.out / rel

    def read_bytes(self, rel: str) -> bytes:
        return self.abs(rel).read_bytes()

    def load_json(self, rel: str):
        """The parsed JSON of a file, or None (reported) when it is not valid JSON."""
        if rel in self._json:
            return self._json[rel]
        value = None
        try:
            text = self.read_bytes(rel).decode("utf-8")
        except UnicodeDecodeError:
            self.report(rel, "json.syntax", "not valid UTF-8")
            self._json[rel] = None
            self._json_invalid.add(rel)
            return None

        def pairs(items):
            result = {}
            for key, item in items:
                if key in result:
                    self.report(rel, "json.duplicate-key", f"duplicate key {goq(key)} (Go keeps the last one)")
                result[key] = item
            return result

        def constant(name):
            raise ValueError(f"{name} is not JSON")

        try:
            value = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
        except ValueError as error:
            self.report(rel, "json.syntax", f"not valid JSON: {error}")
            self._json_invalid.add(rel)
            value = None
        self._json[rel] = value
        return value

    def load_yaml(self, rel: str):
        """The documents of a YAML file (None entries dropped), checking duplicate keys and
        scalars whose meaning differs between YAML 1.1 and 1.2."""
        if rel in self._yaml:
            return self._yaml[rel]
        try:
            text = self.read_bytes(rel).decode("utf-8")
        except UnicodeDecodeError:
            self.report(rel, "yaml.syntax", "not valid UTF-8")
            self._yaml[rel] = []
            return []
        try:
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
            documents = list(yaml.safe_load_all(text))
        except yaml.YAMLError as error:
            self.report(rel, "yaml.syntax", f"not valid YAML: {str(error).splitlines()[0]}")
            self._yaml[rel] = []
            return []
        for node in nodes:
            if node is not None:
                self.check_yaml_node(rel, node)
        result = []
        for index, document in enumerate(documents):
            if document is None:
                self.report(rel, "yaml.empty-document", f"document {index + 1} is empty")
            else:
                result.append(document)
        self._yaml[rel] = result
        return result

    def check_yaml_node(self, rel: str, node) -> None:
        stack = [node]
        while stack:
            current = stack.pop()
            if isinstance(current, yaml.MappingNode):
                seen = set()
                for key, value in current.value:
                    if isinstance(key, yaml.ScalarNode):
                        if key.value in seen:
                            self.report(rel, "yaml.duplicate-key", f"line {key.start_mark.line + 1}: duplicate key {goq(key.value)}")
                        seen.add(key.value)
                    stack += [key, value]
            elif isinstance(current, yaml.SequenceNode):
                stack += current.value
            elif isinstance(current, yaml.ScalarNode) and current.style is None:
                kind12, value12 = resolve_yaml12_core(current.value)
                value11 = yaml11_value(current)
                tag11 = current.tag.rsplit(":", 1)[-1]
                if kind12 == "str" and tag11 == "str":
                    continue
                if not same_scalar(value11, value12):
                    self.report(rel, "yaml.ambiguous-scalar",
                                f"line {current.start_mark.line + 1}: ambiguous YAML 1.1 scalar {current.value!r}: "
                                f"{type_name(value11)} {value11!r} under YAML 1.1 (PyYAML, go-yaml v2 in Kubernetes "
                                f"tooling) but {type_name(value12)} {value12!r} under YAML 1.2; quote it")

    # ---- inventory ------------------------------------------------------------------------

    def inventory(self) -> None:
        for root, dirnames, filenames in os.walk(self.out, followlinks=False):
            root_path = Path(root)
            rel_root = root_path.relative_to(self.out).as_posix()
            for dirname in list(dirnames):
                path = root_path / dirname
                rel = (PurePosixPath(rel_root) / dirname).as_posix() if rel_root != "." else dirname
                if path.is_symlink():
                    self.report(rel, "layout.symlink", "symbolic links are not allowed (notation rejects them)")
                    dirnames.remove(dirname)
                else:
                    self.dirs.add(rel)
            for filename in filenames:
                path = root_path / filename
                rel = (PurePosixPath(rel_root) / filename).as_posix() if rel_root != "." else filename
                if path.is_symlink():
                    self.report(rel, "layout.symlink", "symbolic links are not allowed (notation rejects them)")
                elif not path.is_file():
                    self.report(rel, "layout.special-file", "not a regular file")
                else:
                    self.files.append(rel)
        self.files.sort()
        self.file_set = set(self.files)
        for rel in self.files:
            parts = rel.split("/")
            for depth in range(1, len(parts)):
                self._under["/".join(parts[:depth])].append(rel)
            self._under["."].append(rel)

    def files_under(self, directory: str) -> list:
        """Every file below a directory (recursively), sorted."""
        return self._under.get(directory, [])

    def sha256(self, rel: str) -> str:
        if rel not in self._sha256:
            self._sha256[rel] = hashlib.sha256(self.read_bytes(rel)).hexdigest()
        return self._sha256[rel]

    def load_anchors(self) -> list:
        """Usage problems with the anchor directory (empty when fine)."""
        usage = []
        ratify_dir = self.anchors / "ratify"
        for kind in sorted(RATIFY_KINDS):
            path = ratify_dir / f"{kind.lower()}.schema.json"
            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
                jsonschema.Draft202012Validator.check_schema(schema)
                self.schemas[kind] = jsonschema.Draft202012Validator(schema)
            except (OSError, ValueError, jsonschema.SchemaError) as error:
                usage.append(f"anchor schema {path}: {error}")
        policy_dir = self.anchors / "azure-policy"
        try:
            for path in sorted(policy_dir.glob("*.json")):
                definition = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(definition, dict) and isinstance(definition.get("id"), str):
                    self.anchor_definitions[definition["id"].lower()] = definition
        except (OSError, ValueError) as error:
            usage.append(f"anchor definitions {policy_dir}: {error}")
        for required in (BUILTIN_IMAGE_INTEGRITY_ID, BUILTIN_ALLOWED_IMAGES_ID):
            if required.lower() not in self.anchor_definitions:
                usage.append(f"anchor definitions {policy_dir}: no definition with id {required}")
        return usage

    # ---- run ------------------------------------------------------------------------------

    def run(self) -> None:
        self.inventory()
        self.check_text_hygiene()
        self.check_private_keys()
        for rel in self.files:
            name = PurePosixPath(rel).name
            if name in ("trustpolicy.oci.json", "trustpolicy.json") and PurePosixPath(rel).parent.name == "notation":
                continue  # checked per notation folder
            if rel.endswith((".yaml", ".yml")) and name != "kustomization.yaml":
                self.check_ratify_file(rel)
        self.check_notation_folders()
        self.check_kustomize_builds()
        self.check_notation_ratify_consistency()
        self.check_azure_policy()
        self.check_registry_wide_guards()
        self.check_bundles()
        self.check_output_manifest()
        self.check_environment_consistency()
        self.check_unexpected_files()

    # ---- 5. text hygiene and secrets ------------------------------------------------------

    def check_text_hygiene(self) -> None:
        for rel in self.files:
            if not rel.endswith((".json", ".yaml", ".yml", ".pem", ".crt", ".cer")):
                continue
            data = self.read_bytes(rel)
            if data.startswith(b"\xef\xbb\xbf"):
                self.report(rel, "text.bom", "starts with a UTF-8 byte order mark")
            if b"\r" in data:
                self.report(rel, "text.line-endings", "has CR characters (CRLF line endings); use LF")
            if not data.endswith(b"\n"):
                self.report(rel, "text.trailing-newline", "does not end with a newline")
            elif data.endswith(b"\n\n"):
                self.report(rel, "text.trailing-newline", "ends with blank lines")
            if rel.endswith((".json", ".yaml", ".yml")):
                lines = [number + 1 for number, line in enumerate(data.split(b"\n"))
                         if line.rstrip(b"\r") != line.rstrip(b"\r").rstrip(b" \t")]
                if lines:
                    shown = ", ".join(map(str, lines[:5])) + (" ..." if len(lines) > 5 else "")
                    self.report(rel, "text.trailing-whitespace", f"trailing whitespace on line(s) {shown}")
                if b"\t" in data and rel.endswith((".yaml", ".yml")):
                    self.report(rel, "text.tab", "contains a tab character")

    def check_private_keys(self) -> None:
        for rel in self.files:
            if PRIVATE_KEY_MARKER.search(self.read_bytes(rel)):
                self.report(rel, "secrets.private-key", "contains a private key")

    # ---- 1 and 2. notation folders --------------------------------------------------------

    def check_notation_folders(self) -> None:
        folders = set()
        for rel in self.files:
            parts = PurePosixPath(rel).parts
            if "notation" in parts[:-1]:
                folders.add("/".join(parts[:parts.index("notation") + 1]))
        for folder in sorted(folders):
            self.check_notation_folder(folder)

    def notation_document(self, folder: str):
        for name in ("trustpolicy.oci.json", "trustpolicy.json"):
            rel = f"{folder}/{name}"
            if rel in self.file_set:
                return self.load_json(rel)
        return None

    def check_notation_folder(self, folder: str) -> None:
        oci, legacy = f"{folder}/trustpolicy.oci.json", f"{folder}/trustpolicy.json"
        present = [rel for rel in (oci, legacy) if rel in self.file_set]
        if not present:
            self.report(folder, "notation.missing-policy", "notation folder without trustpolicy.oci.json or trustpolicy.json")
            return
        if oci not in self.file_set:
            self.report(folder, "notation.missing-policy", "no trustpolicy.oci.json (the current file name)")
        for rel in present:
            document = self.load_json(rel)
            if rel in self._json_invalid:
                continue
            # trustpolicy.json is what every Notation 1.x release reads, 1.0 and 1.1 included;
            # trustpolicy.oci.json is held to notation-go v1.3.
            types = TRUST_STORE_TYPES_V1_1 if rel == legacy else TRUST_STORE_TYPES
            for rule, message in validate_trust_policy_document(document, types):
                self.report(rel, rule, ("notation-go v1.1: " if rel == legacy else "") + message)
        if len(present) == 2 and oci not in self._json_invalid and legacy not in self._json_invalid:
            expected = without_timestamping(self.load_json(oci))
            if self.load_json(legacy) != expected:
                self.report(legacy, "notation.policy-files-differ", "is not trustpolicy.oci.json without its tsa trust "
                            "stores and verifyTimestamp: older Notation hosts would verify differently from the clusters")
        referenced = set().union(*(trust_store_references(self.load_json(rel)) for rel in present))
        self.check_trust_store(folder, referenced)

    def check_trust_store(self, folder: str, referenced: set) -> None:
        root = f"{folder}/truststore"
        for (store_type, store_name) in sorted(referenced):
            if store_type not in TRUST_STORE_TYPES or not STORE_NAME.fullmatch(store_name):
                continue  # reported by the document check
            directory = f"{root}/x509/{store_type}/{store_name}"
            files = self.files_under(directory)
            if directory not in self.dirs:
                self.report(folder, "truststore.missing", f"the trust store {goq(store_name)} of type {goq(store_type)} "
                            f"does not exist (expected {directory}/)")
            elif not files:
                self.report(directory, "truststore.empty", f"no x509 certificates were found in trust store "
                            f"{goq(store_name)} of type {goq(store_type)}")
        for rel in self.files_under(root):
            parts = rel[len(root) + 1:].split("/")
            if len(parts) != 4 or parts[0] != "x509":
                self.report(rel, "truststore.layout", "not at truststore/x509/<type>/<store>/<file> (notation rejects "
                            "sub-directories in a store and reads nothing else)")
                continue
            store_type, store_name = parts[1], parts[2]
            if store_type not in TRUST_STORE_TYPES:
                self.report(rel, "truststore.layout", f"unsupported trust store type {goq(store_type)}")
                continue
            if not STORE_NAME.fullmatch(store_name):
                self.report(rel, "truststore.layout", f"trust store name needs to follow [a-zA-Z0-9_.-]+ format, {store_name} is invalid")
            try:
                text = self.read_bytes(rel).decode("ascii")
            except UnicodeDecodeError:
                self.report(rel, "truststore.certificate", "not a PEM file (not ASCII)")
                continue
            certificates, problems = pem_certificates(text)
            for problem in problems:
                self.report(rel, "truststore.certificate", problem)
            for certificate in certificates:
                problem = certificate_problem(certificate, store_type)
                if problem:
                    self.report(rel, "truststore.certificate", f"failed to validate the trusted certificate in trust store "
                                f"{store_name} of type {store_type}: {problem}")

    # ---- 3. Ratify ------------------------------------------------------------------------

    def ratify_documents(self, rel: str):
        return [doc for doc in self.load_yaml(rel) if isinstance(doc, dict)]

    def describe(self, document) -> str:
        metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
        name = metadata.get("name")
        namespace = metadata.get("namespace")
        where = f"{document.get('kind')} {namespace + '/' if isinstance(namespace, str) else ''}{name}"
        return where

    def check_ratify_file(self, rel: str) -> None:
        documents = self.load_yaml(rel)
        for index, document in enumerate(documents):
            if not isinstance(document, dict):
                self.report(rel, "ratify.document", f"document {index + 1} is {type_name(document)}, not a mapping")
                continue
            self.check_ratify_document(rel, document)

    def check_ratify_document(self, rel: str, document: dict) -> None:
        kind = document.get("kind")
        where = self.describe(document)
        if document.get("apiVersion") != RATIFY_API_VERSION:
            self.report(rel, "ratify.api-version", f"{where}: apiVersion is {goq(document.get('apiVersion'))}, expected {RATIFY_API_VERSION}")
        if kind not in RATIFY_KINDS:
            self.report(rel, "ratify.kind", f"{where}: unknown or unsupported kind {goq(kind)} (expected one of "
                        f"{', '.join(sorted(RATIFY_KINDS))})")
            return
        validator = self.schemas[kind]
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            location = "/".join(str(part) for part in error.absolute_path) or "(root)"
            self.report(rel, "ratify.schema", f"{where}: {location}: {error.message}")
        for path in pruned_fields(validator.schema, document, ""):
            self.report(rel, "ratify.pruned-field", f"{where}: {path} is not in the {kind} CRD schema (the API server "
                        "prunes it or rejects it with strict field validation)")
        if "status" in document:
            self.report(rel, "ratify.status", f"{where}: rendered manifests must not set status")
        self.check_metadata(rel, document, where, kind)
        spec = document.get("spec") if isinstance(document.get("spec"), dict) else {}
        if kind in ("Verifier", "NamespacedVerifier"):
            self.check_verifier_spec(rel, document, spec, where)
        elif kind in ("KeyManagementProvider", "NamespacedKeyManagementProvider"):
            self.check_kmp_spec(rel, spec, where)
        elif kind in ("Store", "NamespacedStore"):
            if kind == "NamespacedStore":
                self.report(rel, "ratify.namespaced-store", f"{where}: keep Stores cluster-wide (Ratify's multi-tenancy "
                            "mutation needs cluster Stores, and a NamespacedStore replaces every cluster Store in its namespace)")
            if spec.get("name") != "oras":
                self.report(rel, "ratify.store", f"{where}: spec.name is {goq(spec.get('name'))}, expected \"oras\"")
        elif kind in ("Policy", "NamespacedPolicy"):
            self.check_policy_spec(rel, spec, where)
        if kind in NAMESPACED_KINDS:
            self.namespaced_anywhere = True

    def check_metadata(self, rel: str, document: dict, where: str, kind: str) -> None:
        metadata = document.get("metadata")
        if not isinstance(metadata, dict):
            self.report(rel, "k8s.metadata", f"{where}: metadata is missing or not a mapping")
            return
        for key in metadata:
            if key not in ("name", "namespace", "labels", "annotations"):
                self.report(rel, "k8s.metadata", f"{where}: unexpected metadata field {goq(key)}")
        name = metadata.get("name")
        if not isinstance(name, str) or len(name) > 253 or not DNS1123_SUBDOMAIN.fullmatch(name):
            self.report(rel, "k8s.name", f"{where}: metadata.name {goq(name)} is not a DNS-1123 subdomain "
                        "(lowercase alphanumerics, '-' and '.', at most 253 characters)")
        namespace = metadata.get("namespace")
        if kind in CLUSTER_KINDS and "namespace" in metadata:
            self.report(rel, "k8s.namespace", f"{where}: cluster-scoped kind {kind} must not have metadata.namespace")
        if kind in NAMESPACED_KINDS:
            if not isinstance(namespace, str) or len(namespace) > 63 or not DNS1123_LABEL.fullmatch(namespace):
                self.report(rel, "k8s.namespace", f"{where}: namespaced kind {kind} needs metadata.namespace that is a "
                            f"DNS-1123 label, got {goq(namespace)}")
        if kind in ("Policy", "NamespacedPolicy") and name != "ratify-policy":
            self.report(rel, "ratify.policy-name", f"{where}: a {kind} must be named \"ratify-policy\" (Ratify's "
                        "controller ignores any other name)")
        for field in ("labels", "annotations"):
            values = metadata.get(field)
            if values is None:
                continue
            if not isinstance(values, dict):
                self.report(rel, "k8s.labels", f"{where}: metadata.{field} is not a mapping")
                continue
            for key, value in values.items():
                if not valid_qualified_key(key):
                    self.report(rel, "k8s.labels", f"{where}: metadata.{field} key {goq(key)} is not a valid qualified name")
                if not isinstance(value, str):
                    self.report(rel, "k8s.labels", f"{where}: metadata.{field}[{key}] is {type_name(value)}, not a string")
                elif field == "labels" and (len(value) > 63 or not LABEL_VALUE.fullmatch(value)):
                    self.report(rel, "k8s.labels", f"{where}: label value {goq(value)} of {key} is not a valid label value")

    def check_policy_spec(self, rel: str, spec: dict, where: str) -> None:
        policy_type = spec.get("type")
        if policy_type not in ("config-policy", "rego-policy"):
            self.report(rel, "ratify.policy", f"{where}: spec.type is {goq(policy_type)}, expected config-policy or rego-policy")
        if policy_type == "config-policy":
            parameters = spec.get("parameters") if isinstance(spec.get("parameters"), dict) else {}
            policies = parameters.get("artifactVerificationPolicies")
            if not isinstance(policies, dict) or not policies:
                self.report(rel, "ratify.policy", f"{where}: config-policy needs parameters.artifactVerificationPolicies")
            else:
                for artifact_type, rule in policies.items():
                    if rule not in ("any", "all"):
                        self.report(rel, "ratify.policy", f"{where}: artifactVerificationPolicies[{artifact_type}] is "
                                    f"{goq(rule)}, expected \"any\" or \"all\"")
                if NOTARY_ARTIFACT_TYPE not in policies and "default" not in policies:
                    self.report(rel, "ratify.policy", f"{where}: no rule for {NOTARY_ARTIFACT_TYPE} and no default")

    def check_kmp_spec(self, rel: str, spec: dict, where: str) -> None:
        kmp_type = spec.get("type")
        parameters = spec.get("parameters")
        if not isinstance(parameters, dict):
            self.report(rel, "ratify.kmp", f"{where}: spec.parameters is missing or not a mapping")
            return
        if kmp_type == "inline":
            for key in parameters:
                if key not in ("contentType", "value"):
                    self.report(rel, "ratify.kmp", f"{where}: unknown inline parameter {goq(key)}")
            if parameters.get("contentType") != "certificate":
                self.report(rel, "ratify.kmp", f"{where}: parameters.contentType is {goq(parameters.get('contentType'))}, "
                            "expected \"certificate\"")
            value = parameters.get("value")
            if not isinstance(value, str):
                self.report(rel, "ratify.kmp", f"{where}: parameters.value is {type_name(value)}, expected one PEM certificate")
            else:
                certificates, problems = pem_certificates(value)
                for problem in problems:
                    self.report(rel, "ratify.kmp", f"{where}: parameters.value {problem}")
        elif kmp_type == "azurekeyvault":
            for key in parameters:
                if key not in ("vaultURI", "tenantID", "clientID", "certificates", "keys", "cloudName", "resource"):
                    self.report(rel, "ratify.kmp", f"{where}: unknown azurekeyvault parameter {goq(key)}")
            uri = parameters.get("vaultURI")
            parsed = urllib.parse.urlparse(uri) if isinstance(uri, str) else None
            if parsed is None or parsed.scheme != "https" or not parsed.hostname:
                self.report(rel, "ratify.kmp", f"{where}: parameters.vaultURI {goq(uri)} is not an https URL")
            for field in ("tenantID", "clientID"):
                value = parameters.get(field)
                if not isinstance(value, str) or not GUID.fullmatch(value):
                    self.report(rel, "ratify.kmp", f"{where}: parameters.{field} {goq(value)} is not a GUID")
            certificates = parameters.get("certificates")
            if not isinstance(certificates, list) or not certificates:
                self.report(rel, "ratify.kmp", f"{where}: parameters.certificates must be a non-empty list of {{name, version}}")
            else:
                seen = set()
                for item in certificates:
                    if not isinstance(item, dict) or set(item) != {"name", "version"}:
                        self.report(rel, "ratify.kmp", f"{where}: certificate entry {json.dumps(item, default=str)} is not "
                                    "exactly {name, version}")
                        continue
                    if not isinstance(item["name"], str) or not re.fullmatch(r"[0-9a-zA-Z-]{1,127}", item["name"]):
                        self.report(rel, "ratify.kmp", f"{where}: certificate name {goq(item['name'])} is not a Key Vault object name")
                    if not isinstance(item["version"], str) or not HEX32.fullmatch(item["version"]):
                        self.report(rel, "ratify.kmp", f"{where}: certificate {item.get('name')} version {goq(item['version'])} "
                                    "is not a pinned 32-hex-digit Key Vault version (an unpinned version follows the latest "
                                    "and breaks a rotation in flight)")
                    key = (item.get("name"), item.get("version"))
                    if key in seen:
                        self.report(rel, "ratify.kmp", f"{where}: certificate {key[0]} version {key[1]} is listed twice")
                    seen.add(key)
        else:
            self.report(rel, "ratify.kmp", f"{where}: spec.type is {goq(kmp_type)}, expected inline or azurekeyvault")

    def check_verifier_spec(self, rel: str, document: dict, spec: dict, where: str) -> None:
        if "type" in spec:
            self.report(rel, "ratify.verifier-type", f"{where}: spec.type is not in the Ratify v1.4 chart CRDs (only in "
                        "config/crd/bases); drop it and keep spec.name")
        if spec.get("name") != "notation":
            self.report(rel, "ratify.verifier", f"{where}: spec.name is {goq(spec.get('name'))}, expected \"notation\"")
            return
        if spec.get("artifactTypes") != NOTARY_ARTIFACT_TYPE:
            self.report(rel, "ratify.verifier", f"{where}: spec.artifactTypes is {goq(spec.get('artifactTypes'))}, "
                        f"expected {NOTARY_ARTIFACT_TYPE}")
        parameters = spec.get("parameters")
        if not isinstance(parameters, dict):
            self.report(rel, "ratify.verifier", f"{where}: spec.parameters is missing or not a mapping")
            return
        for key in parameters:
            if key not in ("verificationCertStores", "trustPolicyDoc"):
                self.report(rel, "ratify.verifier", f"{where}: unexpected notation parameter {goq(key)}")
        stores = parameters.get("verificationCertStores")
        if not isinstance(stores, dict) or not stores:
            self.report(rel, "ratify.verifier", f"{where}: parameters.verificationCertStores is missing or empty")
            stores = {}
        for store_type, named in stores.items():
            if store_type not in TRUST_STORE_TYPES:
                self.report(rel, "ratify.cert-stores", f"{where}: verificationCertStores type {goq(store_type)} is not one of "
                            "ca, signingAuthority, tsa (a flat store map is the legacy form)")
                continue
            if not isinstance(named, dict) or not named:
                self.report(rel, "ratify.cert-stores", f"{where}: verificationCertStores.{store_type} must map store names to KMP lists")
                continue
            for store_name, references in named.items():
                if not isinstance(store_name, str) or not STORE_NAME.fullmatch(store_name):
                    self.report(rel, "ratify.cert-stores", f"{where}: store name {goq(store_name)} does not follow [a-zA-Z0-9_.-]+")
                if (not isinstance(references, list) or not references
                        or not all(isinstance(item, str) and item for item in references)):
                    self.report(rel, "ratify.cert-stores", f"{where}: verificationCertStores.{store_type}.{store_name} must be "
                                "a non-empty list of KMP names")
                elif len(set(references)) != len(references):
                    self.report(rel, "ratify.cert-stores", f"{where}: verificationCertStores.{store_type}.{store_name} lists a KMP twice")
        doc = parameters.get("trustPolicyDoc")
        if doc is None:
            self.report(rel, "ratify.verifier", f"{where}: parameters.trustPolicyDoc is missing")
            return
        for rule, message in validate_trust_policy_document(doc):
            self.report(rel, rule, f"{where} trustPolicyDoc: {message}")
        for store_type, store_name in sorted(trust_store_references(doc)):
            named = stores.get(store_type)
            if not isinstance(named, dict) or store_name not in named:
                self.report(rel, "ratify.trust-store-missing", f"{where}: trustPolicyDoc uses trust store "
                            f"\"{store_type}:{store_name}\" that verificationCertStores does not define")

    # ---- kustomize builds -----------------------------------------------------------------

    def kustomize_build(self, directory: str, stack=()):
        """(documents as (file, index, doc), files read) of `kustomize build directory`."""
        if directory in self.builds:
            return self.builds[directory]
        kustomization = f"{directory}/kustomization.yaml" if directory != "." else "kustomization.yaml"
        documents, read = [], [kustomization]
        result = (documents, read)
        if kustomization not in self.file_set:
            return result
        self.builds[directory] = result
        loaded = self.load_yaml(kustomization)
        if len(loaded) != 1 or not isinstance(loaded[0], dict):
            self.report(kustomization, "kustomize.document", "must hold exactly one Kustomization mapping")
            return result
        config = loaded[0]
        if config.get("apiVersion") != "kustomize.config.k8s.io/v1beta1" or config.get("kind") != "Kustomization":
            self.report(kustomization, "kustomize.document", "apiVersion/kind must be kustomize.config.k8s.io/v1beta1 Kustomization")
        for key in config:
            if key not in ("apiVersion", "kind", "resources"):
                self.report(kustomization, "kustomize.unexpected-field", f"unexpected field {goq(key)} (it would transform "
                            "the resources; this checker does not model it)")
        resources = config.get("resources")
        if not isinstance(resources, list) or not resources:
            self.report(kustomization, "kustomize.resources", "resources must be a non-empty list")
            return result
        counts = Counter(item for item in resources if isinstance(item, str))
        for item, count in counts.items():
            if count > 1:
                self.report(kustomization, "kustomize.resources", f"resource {goq(item)} is listed {count} times")
        for item in resources:
            if not isinstance(item, str) or item == "":
                self.report(kustomization, "kustomize.resources", f"resource entry {goq(item)} is not a path")
                continue
            if "://" in item or item.startswith("/"):
                self.report(kustomization, "kustomize.resources", f"resource {goq(item)} is not a relative path inside the output")
                continue
            target = os.path.normpath(os.path.join(directory, item)).replace(os.sep, "/")
            if target.startswith("../") or target == "..":
                self.report(kustomization, "kustomize.resources", f"resource {goq(item)} points outside the output directory")
                continue
            if target in self.file_set:
                read.append(target)
                for index, document in enumerate(self.load_yaml(target)):
                    if isinstance(document, dict):
                        documents.append((target, index, document))
            elif target in self.dirs or target == ".":
                if target in stack or target == directory:
                    self.report(kustomization, "kustomize.cycle", f"resource {goq(item)} makes a cycle")
                    continue
                if f"{target}/kustomization.yaml" not in self.file_set:
                    self.report(kustomization, "kustomize.missing-resource", f"resource directory {goq(item)} has no kustomization.yaml")
                    continue
                sub_documents, sub_read = self.kustomize_build(target, stack + (directory,))
                documents += sub_documents
                read += sub_read
            else:
                self.report(kustomization, "kustomize.missing-resource", f"resource {goq(item)} does not exist")
        return result

    def check_kustomize_builds(self) -> None:
        directories = sorted(str(PurePosixPath(rel).parent) for rel in self.files
                             if PurePosixPath(rel).name == "kustomization.yaml")
        for directory in directories:
            documents, read = self.kustomize_build(directory)
            self.in_some_build.update(read)
            self.check_build(directory, documents)
        for rel in self.files:
            if rel.endswith((".yaml", ".yml")) and rel not in self.in_some_build:
                self.report(rel, "kustomize.orphan", "not referenced by any kustomization, so nothing applies it")

    def check_build(self, directory: str, documents: list) -> None:
        kustomization = f"{directory}/kustomization.yaml" if directory != "." else "kustomization.yaml"
        is_cluster_bundle = f"{directory}/bundle.json" in self.file_set
        identities = Counter()
        by_kind = defaultdict(list)
        for rel, index, document in documents:
            metadata = document.get("metadata") if isinstance(document.get("metadata"), dict) else {}
            key = (document.get("kind"), metadata.get("namespace"), metadata.get("name"))
            identities[key] += 1
            by_kind[document.get("kind")].append((rel, document))
        for (kind, namespace, name), count in sorted(identities.items(), key=str):
            if count > 1:
                self.report(kustomization, "kustomize.duplicate-resource", f"{kind} {namespace + '/' if namespace else ''}{name} "
                            f"appears {count} times in the build (kustomize refuses duplicate ids)")
        cluster_kmps = {doc["metadata"]["name"] for _, doc in by_kind["KeyManagementProvider"] if self.named(doc)}
        namespaced_kmps = {(doc["metadata"].get("namespace"), doc["metadata"]["name"])
                           for _, doc in by_kind["NamespacedKeyManagementProvider"] if self.named(doc)}
        kmp_documents = {}
        for _, doc in by_kind["KeyManagementProvider"]:
            if self.named(doc):
                kmp_documents[doc["metadata"]["name"]] = doc
        for _, doc in by_kind["NamespacedKeyManagementProvider"]:
            if self.named(doc):
                kmp_documents[f"{doc['metadata'].get('namespace')}/{doc['metadata']['name']}"] = doc
        for kind in ("Verifier", "NamespacedVerifier"):
            for rel, verifier in by_kind[kind]:
                self.check_kmp_references(kustomization, rel, verifier, cluster_kmps, namespaced_kmps, kmp_documents)
        if is_cluster_bundle:
            verifiers = by_kind["Verifier"]
            if len(verifiers) > 1:
                self.report(kustomization, "ratify.cluster-verifiers", f"the build has {len(verifiers)} cluster-wide "
                            "Verifiers; expected at most one (the environment's)")
            base_verifiers = self.base_verifier_names(directory)
            for rel, verifier in verifiers:
                name = verifier["metadata"].get("name") if isinstance(verifier.get("metadata"), dict) else None
                if base_verifiers is not None and name not in base_verifiers:
                    self.report(kustomization, "ratify.cluster-verifiers", f"cluster-wide Verifier {goq(name)} (from {rel}) "
                                "is not the environment base's Verifier")
            for kind in ("Store", "Policy"):
                count = len(by_kind[kind])
                if count != 1:
                    self.report(kustomization, f"ratify.{kind.lower()}-count", f"the build has {count} {kind} resources; "
                                "expected exactly one")
            namespaced = [doc for kind in NAMESPACED_KINDS for _, doc in by_kind[kind]]
            if namespaced:
                self.cluster_uses_namespaced.add(directory)

    @staticmethod
    def named(document) -> bool:
        return isinstance(document.get("metadata"), dict) and isinstance(document["metadata"].get("name"), str)

    def base_verifier_names(self, directory: str):
        """Names of the Verifiers of the environment base a bundle includes, or None."""
        kustomization = f"{directory}/kustomization.yaml"
        loaded = self.load_yaml(kustomization)
        if not loaded or not isinstance(loaded[0], dict):
            return None
        for item in loaded[0].get("resources") or []:
            if not isinstance(item, str):
                continue
            target = os.path.normpath(os.path.join(directory, item)).replace(os.sep, "/")
            if target in self.builds and target != directory:
                documents, _ = self.builds[target]
                return {doc["metadata"].get("name") for _, _, doc in documents
                        if doc.get("kind") == "Verifier" and isinstance(doc.get("metadata"), dict)}
        return None

    def check_kmp_references(self, kustomization, rel, verifier, cluster_kmps, namespaced_kmps, kmp_documents) -> None:
        where = self.describe(verifier)
        spec = verifier.get("spec") if isinstance(verifier.get("spec"), dict) else {}
        parameters = spec.get("parameters") if isinstance(spec.get("parameters"), dict) else {}
        stores = parameters.get("verificationCertStores")
        if not isinstance(stores, dict):
            return
        metadata = verifier.get("metadata") if isinstance(verifier.get("metadata"), dict) else {}
        namespace = metadata.get("namespace") if verifier.get("kind") == "NamespacedVerifier" else None
        for store_type, named in stores.items():
            if not isinstance(named, dict):
                continue
            for store_name, references in named.items():
                if not isinstance(references, list):
                    continue
                for reference in references:
                    if not isinstance(reference, str):
                        continue
                    problem = None
                    if "/" in reference:
                        ref_namespace, _, ref_name = reference.partition("/")
                        if namespace is None:
                            problem = (f"references namespaced KMP {goq(reference)}, but a cluster-wide Verifier serves "
                                       "namespace-less requests, which may use only cluster KMPs (multi-tenancy violation)")
                        elif ref_namespace != namespace:
                            problem = (f"references KMP {goq(reference)} of namespace {goq(ref_namespace)}; a verifier in "
                                       f"namespace {goq(namespace)} may use only {namespace}/<kmp> or cluster KMPs "
                                       "(multi-tenancy violation)")
                        elif "/" in ref_name or (ref_namespace, ref_name) not in namespaced_kmps:
                            problem = (f"references NamespacedKeyManagementProvider {goq(reference)}, which is not in "
                                       "the kustomize build that applies it")
                    elif reference not in cluster_kmps:
                        problem = (f"references KeyManagementProvider {goq(reference)}, which is not in the "
                                   "kustomize build that applies it")
                        if namespace is not None and (namespace, reference) in namespaced_kmps:
                            problem += f" (a namespaced KMP is referenced as {namespace}/{reference})"
                    if problem:
                        self.report(rel, "ratify.kmp-reference",
                                    f"{where}: verificationCertStores.{store_type}.{store_name} {problem}")
                        continue
                    self.check_kmp_for_store_type(rel, kmp_documents.get(reference), store_type, where)

    def check_kmp_for_store_type(self, rel: str, kmp, store_type: str, where: str) -> None:
        if not isinstance(kmp, dict):
            return
        spec = kmp.get("spec") if isinstance(kmp.get("spec"), dict) else {}
        parameters = spec.get("parameters") if isinstance(spec.get("parameters"), dict) else {}
        if spec.get("type") != "inline" or not isinstance(parameters.get("value"), str):
            return
        certificates, _ = pem_certificates(parameters["value"])
        for certificate in certificates:
            problem = certificate_problem(certificate, store_type if store_type in TRUST_STORE_TYPES else "ca")
            if problem:
                self.report(rel, "ratify.kmp-certificate", f"{self.describe(kmp)} used by {where} as a "
                            f"{store_type} store: {problem}")

    # ---- consistency of Ratify and Notation in one folder ---------------------------------

    def check_notation_ratify_consistency(self) -> None:
        for directory, (documents, _) in sorted(self.builds.items()):
            verifiers = [(rel, doc) for rel, _, doc in documents
                         if doc.get("kind") == "Verifier" and str(PurePosixPath(rel).parent.parent) == directory]
            folder = f"{directory}/notation"
            if not verifiers or f"{folder}/trustpolicy.oci.json" not in self.file_set:
                continue
            notation = self.load_json(f"{folder}/trustpolicy.oci.json")
            for rel, verifier in verifiers:
                spec = verifier.get("spec") if isinstance(verifier.get("spec"), dict) else {}
                parameters = spec.get("parameters")
                if not isinstance(parameters, dict):
                    continue
                doc = parameters.get("trustPolicyDoc")
                if notation is not None and doc is not None and doc != notation:
                    self.report(rel, "consistency.trust-policy", f"{self.describe(verifier)}: trustPolicyDoc differs from "
                                f"{folder}/trustpolicy.oci.json (Ratify and the Notation CLI would verify differently)")
                stores = parameters.get("verificationCertStores")
                if isinstance(stores, dict):
                    self.compare_store_certificates(rel, verifier, stores, folder, documents)

    def compare_store_certificates(self, rel, verifier, stores, folder, documents) -> None:
        kmps = {doc["metadata"]["name"]: doc for _, _, doc in documents
                if doc.get("kind") == "KeyManagementProvider" and self.named(doc)}
        on_disk = set()
        for file in self.files_under(f"{folder}/truststore/x509"):
            parts = file[len(folder) + len("/truststore/x509/"):].split("/")
            if len(parts) == 3:
                on_disk.add((parts[0], parts[1]))
        in_ratify = {(t, n) for t, named in stores.items() if isinstance(named, dict) for n in named}
        for store_type, store_name in sorted(on_disk ^ in_ratify):
            side = "the Notation trust store" if (store_type, store_name) in on_disk else "verificationCertStores"
            self.report(rel, "consistency.trust-store", f"{self.describe(verifier)}: store {store_type}:{store_name} is only "
                        f"in {side} of {PurePosixPath(folder).parent}")
        for store_type, store_name in sorted(on_disk & in_ratify):
            references = stores[store_type][store_name]
            if not isinstance(references, list):
                continue
            ratify_ders, inline_only = set(), True
            for reference in references:
                kmp = kmps.get(reference)
                spec = kmp.get("spec") if isinstance(kmp, dict) and isinstance(kmp.get("spec"), dict) else {}
                if spec.get("type") != "inline":
                    inline_only = False
                    continue
                value = (spec.get("parameters") or {}).get("value")
                if isinstance(value, str):
                    ratify_ders |= {c.public_bytes(serialization_der()) for c in pem_certificates(value)[0]}
            if not inline_only:
                continue
            disk_ders = set()
            for file in self.files_under(f"{folder}/truststore/x509/{store_type}/{store_name}"):
                try:
                    text = self.read_bytes(file).decode("ascii")
                except UnicodeDecodeError:
                    continue
                disk_ders |= {c.public_bytes(serialization_der()) for c in pem_certificates(text)[0]}
            if ratify_ders != disk_ders:
                self.report(rel, "consistency.trust-store", f"{self.describe(verifier)}: the certificates of "
                            f"{store_type}:{store_name} differ between its inline KMPs and {folder}/truststore "
                            f"({len(ratify_ders - disk_ders)} only in the KMPs, {len(disk_ders - ratify_ders)} only "
                            "in the Notation trust store)")

    # ---- 4. Azure Policy ------------------------------------------------------------------

    def check_azure_policy(self) -> None:
        definition_rel = "azure-policy/definition.json"
        custom = None
        if definition_rel in self.file_set:
            custom = self.load_json(definition_rel)
            if isinstance(custom, dict):
                self.check_definition(definition_rel, custom)
            elif definition_rel not in self._json_invalid:
                self.report(definition_rel, "azure.definition", "not a JSON object")
        assignments = []
        for rel in self.files:
            if not rel.endswith(".json") or rel == definition_rel:
                continue
            parts = PurePosixPath(rel).parts
            value = self.load_json(rel)
            if "azure-policy" in parts[:-1]:
                if not isinstance(value, dict) or value.get("type") != "Microsoft.Authorization/policyAssignments":
                    if rel not in self._json_invalid:
                        self.report(rel, "azure.assignment-type", "an azure-policy/ file that is not a "
                                    "Microsoft.Authorization/policyAssignments resource")
                    continue
                assignments.append((rel, value))
            elif isinstance(value, dict) and value.get("type") == "Microsoft.Authorization/policyAssignments":
                assignments.append((rel, value))
        by_scope = defaultdict(list)
        for rel, assignment in assignments:
            self.check_assignment(rel, assignment, custom)
            if isinstance(assignment.get("scope"), str):
                by_scope[assignment["scope"].lower()].append((rel, assignment))
        for scope, items in sorted(by_scope.items()):
            self.check_cluster_assignments(items, custom)
        for directory in sorted(self.cluster_uses_namespaced):
            for rel, assignment in assignments:
                if not rel.startswith(directory + "/"):
                    continue
                definition_id = (assignment.get("properties") or {}).get("policyDefinitionId") \
                    if isinstance(assignment.get("properties"), dict) else None
                if isinstance(definition_id, str) and definition_id.lower() == BUILTIN_IMAGE_INTEGRITY_ID.lower():
                    self.report(rel, "azure.multi-tenancy", "the cluster has Namespaced* Ratify resources, but this "
                                "assignment uses the built-in definition, whose template is not known to send the namespace "
                                "to Ratify; use the custom definition with the multi-tenancy template")

    def check_definition(self, rel: str, definition: dict) -> None:
        if definition.get("type") != "Microsoft.Authorization/policyDefinitions":
            self.report(rel, "azure.definition", f"type is {goq(definition.get('type'))}, expected Microsoft.Authorization/policyDefinitions")
        name = definition.get("name")
        problem = azure_name_problem(name)
        if problem:
            self.report(rel, "azure.definition-name", f"name {goq(name)} {problem}")
        scope = definition.get("scope")
        if not isinstance(scope, str) or not DEFINITION_SCOPE.fullmatch(scope):
            self.report(rel, "azure.definition-scope", f"scope {goq(scope)} is not a management group or subscription")
        elif isinstance(name, str):
            expected = f"{scope}/providers/Microsoft.Authorization/policyDefinitions/{name}"
            if definition.get("id") != expected:
                self.report(rel, "azure.definition-id", f"id {goq(definition.get('id'))} is not {goq(expected)}")
        properties = definition.get("properties")
        if not isinstance(properties, dict):
            self.report(rel, "azure.definition", "properties is missing")
            return
        if properties.get("mode") != "Microsoft.Kubernetes.Data":
            self.report(rel, "azure.definition", f"properties.mode is {goq(properties.get('mode'))}, expected Microsoft.Kubernetes.Data")
        if properties.get("policyType") != "Custom":
            self.report(rel, "azure.definition", f"properties.policyType is {goq(properties.get('policyType'))}, expected Custom")
        for field, limit in (("displayName", 128), ("description", 512)):
            value = properties.get(field)
            if value is not None and (not isinstance(value, str) or len(value) > limit):
                self.report(rel, "azure.definition", f"properties.{field} must be a string of at most {limit} characters")
        parameters = properties.get("parameters")
        if not isinstance(parameters, dict):
            self.report(rel, "azure.definition-parameters", "properties.parameters is missing")
            parameters = {}
        for pname, declaration in parameters.items():
            if not isinstance(declaration, dict) or not isinstance(declaration.get("type"), str):
                self.report(rel, "azure.definition-parameters", f"parameter {goq(pname)} has no type")
                continue
            for field in ("defaultValue",):
                if field in declaration and not azure_type_matches(declaration["type"], declaration[field]):
                    self.report(rel, "azure.definition-parameters", f"parameter {goq(pname)} defaultValue is not of type {declaration['type']}")
            allowed = declaration.get("allowedValues")
            if allowed is not None and "defaultValue" in declaration and not azure_value_allowed(declaration, declaration["defaultValue"]):
                self.report(rel, "azure.definition-parameters", f"parameter {goq(pname)} defaultValue is not in allowedValues")
        effect = parameters.get("effect")
        if not isinstance(effect, dict) or str(effect.get("type", "")).lower() != "string":
            self.report(rel, "azure.definition-parameters", "parameter effect (String) is missing")
        else:
            allowed = effect.get("allowedValues") or []
            for value in ("Audit", "Deny"):
                if value not in allowed:
                    self.report(rel, "azure.definition-parameters", f"effect allowedValues lacks {value}")
        for pname, ptype in (("excludedNamespaces", "array"), ("namespaces", "array"), ("labelSelector", "object"),
                             ("warn", "boolean")):
            declaration = parameters.get(pname)
            if not isinstance(declaration, dict) or str(declaration.get("type", "")).lower() != ptype:
                self.report(rel, "azure.definition-parameters", f"parameter {pname} ({ptype.capitalize()}) is missing")
        rule = properties.get("policyRule")
        if not isinstance(rule, dict):
            self.report(rel, "azure.definition-rule", "properties.policyRule is missing")
            return
        condition = json.dumps(rule.get("if"))
        if "Microsoft.ContainerService/managedClusters" not in condition:
            self.report(rel, "azure.definition-rule", "policyRule.if does not select Microsoft.ContainerService/managedClusters")
        then = rule.get("then") if isinstance(rule.get("then"), dict) else {}
        if then.get("effect") != "[parameters('effect')]":
            self.report(rel, "azure.definition-rule", "policyRule.then.effect is not [parameters('effect')]")
        details = then.get("details") if isinstance(then.get("details"), dict) else {}
        if details.get("warn") != "[parameters('warn')]":
            self.report(rel, "azure.definition-rule", "policyRule.then.details.warn is not [parameters('warn')]: the warn "
                        "stage cannot return warnings to kubectl")
        template = details.get("templateInfo")
        if not isinstance(template, dict):
            self.report(rel, "azure.definition-rule", "policyRule.then.details.templateInfo is missing")
        else:
            self.check_template_info(rel, template)
        if details.get("kinds") != ["Pod"]:
            self.report(rel, "azure.definition-rule", f"policyRule.then.details.kinds is {json.dumps(details.get('kinds'))}, expected [\"Pod\"]")
        if not isinstance(details.get("apiGroups"), list) or "" not in details.get("apiGroups"):
            self.report(rel, "azure.definition-rule", "policyRule.then.details.apiGroups must include the core group \"\"")
        for field in ("namespaces", "excludedNamespaces", "labelSelector"):
            if details.get(field) != f"[parameters('{field}')]":
                self.report(rel, "azure.definition-rule", f"policyRule.then.details.{field} is not [parameters('{field}')]")
        referenced = set(PARAMETER_REFERENCE.findall(json.dumps(rule)))
        for pname in sorted(set(parameters) - referenced):
            self.report(rel, "azure.definition-rule", f"parameter {goq(pname)} is declared but policyRule never uses it")
        for pname in sorted(referenced - set(parameters)):
            self.report(rel, "azure.definition-rule", f"policyRule uses parameter {goq(pname)}, which is not declared")

    def check_template_info(self, rel: str, template: dict) -> None:
        source = template.get("sourceType")
        text = None
        if source == "PublicURL":
            url = template.get("url")
            parsed = urllib.parse.urlparse(url) if isinstance(url, str) else None
            if parsed is None or parsed.scheme != "https" or not parsed.hostname:
                self.report(rel, "azure.template", f"templateInfo.url {goq(url)} is not an https URL")
            if isinstance(url, str) and self.namespaced_anywhere and "multi-tenancy" not in url:
                self.report(rel, "azure.template", "the output has Namespaced* Ratify resources, but templateInfo is not "
                            "Ratify's multi-tenancy-validation template: namespaced resources would never be used")
        elif source == "Base64Encoded":
            content = template.get("content")
            try:
                text = base64.b64decode(content, validate=True).decode("utf-8")
                parsed_template = yaml.safe_load(text)
                if not isinstance(parsed_template, dict) or parsed_template.get("kind") != "ConstraintTemplate":
                    self.report(rel, "azure.template", "templateInfo.content does not decode to a ConstraintTemplate")
            except (TypeError, ValueError, binascii.Error, yaml.YAMLError, UnicodeDecodeError):
                self.report(rel, "azure.template", "templateInfo.content is not base64-encoded YAML")
                text = None
            if text is not None and self.namespaced_anywhere and "namespace" not in text:
                self.report(rel, "azure.template", "the output has Namespaced* Ratify resources, but the embedded template "
                            "does not send the namespace to Ratify")
        else:
            self.report(rel, "azure.template", f"templateInfo.sourceType is {goq(source)}, expected PublicURL or Base64Encoded")

    def check_assignment(self, rel: str, assignment: dict, custom) -> None:
        name = assignment.get("name")
        problem = azure_name_problem(name)
        if problem:
            self.report(rel, "azure.assignment-name", f"name {goq(name)} {problem}")
        elif PurePosixPath(rel).stem != name:
            self.report(rel, "azure.assignment-name", f"file name does not match the assignment name {goq(name)}")
        scope = assignment.get("scope")
        if not isinstance(scope, str) or not MANAGED_CLUSTER_ID.fullmatch(scope):
            self.report(rel, "azure.assignment-scope", f"scope {goq(scope)} is not a managedClusters resource id")
        properties = assignment.get("properties")
        if not isinstance(properties, dict):
            self.report(rel, "azure.assignment", "properties is missing")
            return
        for field, limit in (("displayName", 128), ("description", 512)):
            value = properties.get(field)
            if value is not None and (not isinstance(value, str) or len(value) > limit):
                self.report(rel, "azure.assignment", f"properties.{field} must be a string of at most {limit} characters")
        definition_id = properties.get("policyDefinitionId")
        definition = None
        builtin = False
        guard = isinstance(definition_id, str) and definition_id.lower() == BUILTIN_ALLOWED_IMAGES_ID.lower()
        if isinstance(custom, dict) and isinstance(custom.get("id"), str) and definition_id == custom["id"]:
            definition = custom
        elif isinstance(definition_id, str) and definition_id.lower() == BUILTIN_IMAGE_INTEGRITY_ID.lower():
            definition = self.anchor_definitions.get(definition_id.lower())
            builtin = True
        elif guard:
            definition = self.anchor_definitions.get(definition_id.lower())
            self.check_registry_guard(rel, (properties.get("parameters") or {}).get("allowedContainerImagesRegex"))
        else:
            self.report(rel, "azure.assignment-definition", f"policyDefinitionId {goq(definition_id)} is neither "
                        "azure-policy/definition.json's id, the built-in image integrity definition nor the built-in "
                        "allowed images definition (the registry guard)")
        declared = {}
        if isinstance(definition, dict):
            declared = (definition.get("properties") or {}).get("parameters") or {}
        parameters = properties.get("parameters")
        if parameters is None:
            parameters = {}
        if not isinstance(parameters, dict):
            self.report(rel, "azure.assignment-parameters", "properties.parameters is not an object")
            parameters = {}
        values = {}
        for pname, wrapper in parameters.items():
            if not isinstance(wrapper, dict) or set(wrapper) != {"value"}:
                self.report(rel, "azure.assignment-parameters", f"parameter {goq(pname)} must be {{\"value\": ...}}")
                continue
            values[pname] = wrapper["value"]
            if definition is None:
                continue
            declaration = declared.get(pname)
            if not isinstance(declaration, dict):
                self.report(rel, "azure.assignment-parameters", f"parameter {goq(pname)} is not defined in the policy "
                            f"definition {definition_id}")
                continue
            if not azure_type_matches(declaration.get("type", ""), wrapper["value"]):
                self.report(rel, "azure.assignment-parameters", f"parameter {goq(pname)} value is {type_name(wrapper['value'])}, "
                            f"the definition declares {declaration.get('type')}")
            elif not azure_value_allowed(declaration, wrapper["value"]):
                self.report(rel, "azure.assignment-parameters", f"parameter {goq(pname)} value {json.dumps(wrapper['value'])} "
                            f"is not in allowedValues {json.dumps(declaration.get('allowedValues'))}")
            schema = declaration.get("schema")
            if isinstance(schema, dict):
                for error in jsonschema.Draft7Validator(schema).iter_errors(wrapper["value"]):
                    self.report(rel, "azure.assignment-parameters", f"parameter {goq(pname)}: {error.message}")
        if definition is not None:
            for pname, declaration in declared.items():
                if isinstance(declaration, dict) and "defaultValue" not in declaration and pname not in values:
                    self.report(rel, "azure.assignment-parameters", f"required parameter {goq(pname)} (no defaultValue) is not set")
        effect = values.get("effect", (declared.get("effect") or {}).get("defaultValue") if isinstance(declared.get("effect"), dict) else None)
        mode = properties.get("enforcementMode", "Default")
        # A stage without namespaces keeps its assignment disabled, so every cluster always has
        # the same assignment names: it must evaluate nothing, in both ways Azure offers.
        disabled = effect == "Disabled"
        if disabled and mode != "DoNotEnforce":
            self.report(rel, "azure.assignment-effect", "effect Disabled with enforcementMode "
                        f"{goq(mode)}: a kept, disabled assignment must also be DoNotEnforce")
        if not disabled and effect not in ("Audit", "Deny"):
            self.report(rel, "azure.assignment-effect", f"effect is {goq(effect)}, expected Audit (warn stage), Deny "
                        "(deny stage) or Disabled (an empty stage)")
        if builtin and effect == "Deny":
            self.report(rel, "azure.assignment-effect", "the built-in image integrity definition cannot deny (allowedValues "
                        "are Audit and Disabled); deny needs the custom definition")
        # The warn stage warns: Audit with `warn: true` is Gatekeeper's `scoped` action (audit and
        # a warning to kubectl); Audit alone only records compliance, which nobody deploying sees.
        if effect == "Audit" and values.get("warn") is not True:
            self.report(rel, "azure.assignment-warn", "an Audit (warn stage) assignment without warn: true only records "
                        "compliance; nobody deploying sees a warning")
        metadata = properties.get("metadata")
        if not isinstance(metadata, dict) or metadata.get("assignedBy") != "trustc" or not metadata.get("organization"):
            self.report(rel, "azure.assignment-metadata", "metadata must carry assignedBy: trustc and the organization, "
                        "so the apply procedure can find and delete assignments a render no longer has")
        namespaces = values.get("namespaces")
        if disabled:
            if namespaces not in ([], None):
                self.report(rel, "azure.assignment-namespaces", "a disabled assignment lists namespaces")
        elif "namespaces" not in values:
            self.report(rel, "azure.assignment-namespaces", "parameter namespaces is not set: the default [] means every "
                        "namespace, so the whole cluster would be in this stage")
        elif not isinstance(namespaces, list) or not namespaces:
            self.report(rel, "azure.assignment-namespaces", "parameter namespaces is empty: an empty list means every "
                        "namespace, so the whole cluster would be in this stage")
        else:
            for namespace in namespaces:
                if not isinstance(namespace, str) or len(namespace) > 63 or not DNS1123_LABEL.fullmatch(namespace):
                    self.report(rel, "azure.assignment-namespaces", f"namespace {goq(namespace)} is not a DNS-1123 label")
            for namespace, count in Counter(n for n in namespaces if isinstance(n, str)).items():
                if count > 1:
                    self.report(rel, "azure.assignment-namespaces", f"namespace {goq(namespace)} is listed {count} times")
            excluded = values.get("excludedNamespaces")
            if excluded is None and isinstance(declared.get("excludedNamespaces"), dict):
                excluded = declared["excludedNamespaces"].get("defaultValue")
            if isinstance(excluded, list):
                for namespace in sorted(set(n for n in namespaces if isinstance(n, str)) & set(n for n in excluded if isinstance(n, str))):
                    self.report(rel, "azure.assignment-namespaces", f"namespace {goq(namespace)} is both included and in "
                                "excludedNamespaces, so it is never evaluated")
        if mode not in ("Default", "DoNotEnforce"):
            self.report(rel, "azure.assignment", f"enforcementMode {goq(mode)} is not Default or DoNotEnforce")
        messages = properties.get("nonComplianceMessages")
        if not isinstance(messages, list) or not messages:
            self.report(rel, "azure.assignment-messages", "nonComplianceMessages must list at least one message")
        else:
            for item in messages:
                if not isinstance(item, dict) or not isinstance(item.get("message"), str) or not item["message"].strip():
                    self.report(rel, "azure.assignment-messages", "a nonComplianceMessages entry has no message")

    def check_registry_wide_guards(self) -> None:
        """A `*` scope trusts a signed image from any registry: every cluster of that environment
        needs the registry guard (the allowed-images built-in) beside it."""
        for rel in self.files:
            parts = PurePosixPath(rel).parts
            if len(parts) != 4 or parts[1] != "_base" or parts[3] != "trustpolicy.oci.json" or rel in self._json_invalid:
                continue
            document = self.load_json(rel)
            statements = document.get("trustPolicies") if isinstance(document, dict) else None
            if not any(isinstance(item, dict) and "*" in (item.get("registryScopes") or []) for item in statements or []):
                continue
            for bundle in sorted({"/".join(PurePosixPath(f).parts[:3]) for f in self.files
                                  if PurePosixPath(f).parts[0] == parts[0] and len(PurePosixPath(f).parts) > 3
                                  and PurePosixPath(f).parts[1] != "_base" and PurePosixPath(f).name == "bundle.json"}):
                guarded = any(str(((self.load_json(f) or {}).get("properties") or {}).get("policyDefinitionId", "")).lower()
                              == BUILTIN_ALLOWED_IMAGES_ID.lower()
                              for f in self.files if f.startswith(bundle + "/azure-policy/") and f.endswith(".json"))
                if not guarded:
                    self.report(bundle, "azure.registry-guard", f"{rel} trusts the `*` scope, but the cluster has no "
                                "registry guard: a signed image from any registry would be admitted")

    def check_registry_guard(self, rel: str, wrapper) -> None:
        """The guard's expression must admit exactly some login servers: `^(a|b)/`, anchored at the
        start (re_match is not), each login server escaped, the `/` after it required, so that a
        longer host (`contoso.azurecr.io.evil.com`) or a prefix (`evilcontoso.azurecr.io`) fails."""
        expression = wrapper.get("value") if isinstance(wrapper, dict) else None
        match = re.fullmatch(r"\^\((.+)\)/", expression) if isinstance(expression, str) else None
        if not match:
            self.report(rel, "azure.registry-guard", f"allowedContainerImagesRegex {goq(expression)} is not ^(login servers)/")
            return
        for escaped in match.group(1).split("|"):
            host = re.sub(r"\\(.)", r"\1", escaped)
            if re.escape(host).replace("\\-", "-") != escaped.replace("\\-", "-") or not re.fullmatch(r"[a-z0-9.-]+(:[0-9]+)?", host):
                self.report(rel, "azure.registry-guard", f"{goq(escaped)} in allowedContainerImagesRegex is not an escaped login server")
        for image, allowed in ((f"{match.group(1).split('|')[0].replace(chr(92), '')}.evil.com/x", False),
                               (f"evil{match.group(1).split('|')[0].replace(chr(92), '')}/x", False),
                               (f"{match.group(1).split('|')[0].replace(chr(92), '')}/team/app@sha256:{'0' * 64}", True)):
            if bool(re.search(expression, image)) != allowed:
                self.report(rel, "azure.registry-guard", f"allowedContainerImagesRegex {'admits' if not allowed else 'refuses'} {image}")

    def check_cluster_assignments(self, items: list, custom) -> None:
        by_definition = defaultdict(list)
        for rel, assignment in items:
            by_definition[str((assignment.get("properties") or {}).get("policyDefinitionId", "")).lower()].append((rel, assignment))
        guards = by_definition.pop(BUILTIN_ALLOWED_IMAGES_ID.lower(), [])
        signatures = [item for group in by_definition.values() for item in group]
        self.check_stage_assignments(signatures)
        if guards:
            self.check_stage_assignments(guards)
            # The guard covers the same namespaces, stage by stage, as the signature check.
            def split(group):
                result = {}
                for _, assignment in group:
                    parameters = (assignment.get("properties") or {}).get("parameters") or {}
                    effect = (parameters.get("effect") or {}).get("value")
                    stage = ((assignment.get("properties") or {}).get("metadata") or {}).get("stage")
                    result[stage] = sorted((parameters.get("namespaces") or {}).get("value") or []) if effect != "Disabled" else []
                return result
            if split(guards) != split(signatures):
                self.report(guards[0][0], "azure.registry-guard", "the registry guard's namespaces differ from the "
                            "signature assignments' stage by stage")

    def check_stage_assignments(self, items: list) -> None:
        by_effect = defaultdict(list)
        names = Counter()
        for rel, assignment in items:
            names[assignment.get("name")] += 1
            parameters = (assignment.get("properties") or {}).get("parameters") or {}
            effect = (parameters.get("effect") or {}).get("value") if isinstance(parameters.get("effect"), dict) else None
            namespaces = (parameters.get("namespaces") or {}).get("value") if isinstance(parameters.get("namespaces"), dict) else None
            by_effect[effect].append((rel, namespaces if isinstance(namespaces, list) else []))
        for name, count in names.items():
            if count > 1:
                self.report(items[0][0], "azure.assignment-name", f"{count} assignments named {goq(name)} on one cluster")
        for effect in ("Audit", "Deny"):
            if len(by_effect[effect]) > 1:
                self.report(by_effect[effect][1][0], "azure.cluster-stages", f"more than one {effect} assignment on the "
                            f"cluster ({', '.join(rel for rel, _ in by_effect[effect])})")
        audit = {n for _, namespaces in by_effect["Audit"] for n in namespaces if isinstance(n, str)}
        deny = {n for _, namespaces in by_effect["Deny"] for n in namespaces if isinstance(n, str)}
        for namespace in sorted(audit & deny):
            self.report(by_effect["Deny"][0][0], "azure.cluster-stages", f"namespace {goq(namespace)} is in both the Audit "
                        "and the Deny assignment of the cluster")

    # ---- 5. bundles and manifests ---------------------------------------------------------

    def resolve(self, base: str, path: str):
        if not isinstance(path, str) or path == "" or path.startswith("/") or "\\" in path:
            return None
        target = os.path.normpath(os.path.join(base, path)).replace(os.sep, "/")
        if target == ".." or target.startswith("../"):
            return None
        return target

    def check_listing(self, rel: str, base: str, entries, prefix: str) -> set:
        """Checks a files list of {path, sha256}; returns the resolved paths listed."""
        listed = set()
        if not isinstance(entries, list):
            self.report(rel, f"{prefix}.files", "files must be a list")
            return listed
        for entry in entries:
            if not isinstance(entry, dict) or set(entry) != {"path", "sha256"}:
                self.report(rel, f"{prefix}.files", f"entry {json.dumps(entry, default=str)} must be exactly {{path, sha256}}")
                continue
            target = self.resolve(base, entry["path"])
            if target is None:
                self.report(rel, f"{prefix}.files", f"path {goq(entry['path'])} is not a relative path inside the output")
                continue
            if target in listed:
                self.report(rel, f"{prefix}.files", f"path {goq(entry['path'])} is listed twice")
            listed.add(target)
            digest = entry["sha256"]
            if not isinstance(digest, str) or not SHA256_HEX.fullmatch(digest):
                self.report(rel, f"{prefix}.sha256", f"{entry['path']}: sha256 {goq(digest)} is not 64 lowercase hex digits")
            if target not in self.file_set:
                self.report(rel, f"{prefix}.missing-file", f"{entry['path']} is listed but does not exist")
                continue
            actual = self.sha256(target)
            if isinstance(digest, str) and actual != digest:
                self.report(rel, f"{prefix}.sha256", f"{entry['path']}: sha256 mismatch: listed {digest}, file has {actual}")
        return listed

    def check_bundles(self) -> None:
        for rel in self.files:
            if PurePosixPath(rel).name != "bundle.json":
                continue
            directory = str(PurePosixPath(rel).parent)
            manifest = self.load_json(rel)
            if not isinstance(manifest, dict):
                if rel not in self._json_invalid:
                    self.report(rel, "bundle.manifest", "not a JSON object")
                continue
            if manifest.get("apiVersion") != "trustc/v1" or manifest.get("kind") != "BundleManifest":
                self.report(rel, "bundle.manifest", "apiVersion/kind must be trustc/v1 BundleManifest")
            parts = PurePosixPath(directory).parts
            if len(parts) == 3:
                for field, value in zip(("environment", "region", "cluster"), parts):
                    if manifest.get(field) != value:
                        self.report(rel, "bundle.manifest", f"{field} is {goq(manifest.get(field))} but the bundle is at {directory}")
            else:
                self.report(rel, "bundle.manifest", "a cluster bundle belongs at <environment>/<region>/<cluster>/")
            resource_id = manifest.get("resourceID")
            if not isinstance(resource_id, str) or not MANAGED_CLUSTER_ID.fullmatch(resource_id):
                self.report(rel, "bundle.manifest", f"resourceID {goq(resource_id)} is not a managedClusters resource id")
            listed = self.check_listing(rel, directory, manifest.get("files"), "bundle")
            for file in self.files_under(directory):
                if file != rel and file not in listed:
                    self.report(rel, "bundle.unlisted", f"{file[len(directory) + 1:]} is in the bundle but not listed")
                if (file.startswith(directory + "/azure-policy/") and file.endswith(".json")
                        and isinstance(self._json.get(file), dict) and isinstance(resource_id, str)
                        and self._json[file].get("scope") != resource_id):
                    self.report(file, "azure.assignment-scope", f"scope {goq(self._json[file].get('scope'))} is not the "
                                f"bundle's resourceID {resource_id}")
            if directory in self.builds:
                _, read = self.builds[directory]
                for file in sorted(set(read)):
                    if file.startswith(directory + "/"):
                        continue  # reported above
                    if file in self.file_set and file not in listed:
                        self.report(rel, "bundle.unlisted", f"{os.path.relpath(file, directory)} is part of the bundle's "
                                    "kustomize build but not listed, so its digest is not pinned")
            elif f"{directory}/kustomization.yaml" not in self.file_set:
                self.report(rel, "bundle.kustomization", "the bundle has no kustomization.yaml")

    def check_output_manifest(self) -> None:
        rel = "trustc-manifest.json"
        if rel not in self.file_set:
            self.report(".", "manifest.missing", "trustc-manifest.json is missing")
            return
        manifest = self.load_json(rel)
        if not isinstance(manifest, dict):
            if rel not in self._json_invalid:
                self.report(rel, "manifest.document", "not a JSON object")
            return
        if manifest.get("apiVersion") != "trustc/v1" or manifest.get("kind") != "OutputManifest":
            self.report(rel, "manifest.document", "apiVersion/kind must be trustc/v1 OutputManifest")
        listed = self.check_listing(rel, ".", manifest.get("files"), "manifest")
        for file in self.files:
            if file != rel and file not in listed:
                self.report(rel, "manifest.unlisted", f"{file} is not listed")

    # ---- 6. environment consistency -------------------------------------------------------

    def environment_content(self, directory: str) -> dict:
        """Environment-wide files of a bundle or base: notation/** and cluster-scoped ratify/*."""
        content = {}
        for file in self.files_under(directory):
            relative = file[len(directory) + 1:]
            if relative.startswith("notation/"):
                content[relative] = self.read_bytes(file)
            elif relative.startswith("ratify/") and relative.count("/") == 1:
                documents = self.load_yaml(file)
                if documents and all(isinstance(d, dict) and d.get("kind") in CLUSTER_KINDS for d in documents):
                    content[relative] = self.read_bytes(file)
        return content

    def check_environment_consistency(self) -> None:
        environments = defaultdict(list)
        for rel in self.files:
            if PurePosixPath(rel).name != "bundle.json":
                continue
            directory = str(PurePosixPath(rel).parent)
            manifest = self._json.get(rel)
            if not isinstance(manifest, dict) or not isinstance(manifest.get("environment"), str):
                continue
            if not self.files_under(directory + "/notation"):
                continue  # uses the environment base
            environments[manifest["environment"]].append(directory)
        for environment, directories in sorted(environments.items()):
            references = [(d, self.environment_content(d)) for d in sorted(directories)]
            base = f"{environment}/_base"
            if self.files_under(base):
                references.insert(0, (base, self.environment_content(base)))
            first_directory, first = references[0]
            for directory, content in references[1:]:
                for relative in sorted(set(first) | set(content)):
                    if relative not in content:
                        self.report(f"{directory}/{relative}", "environment.divergence", f"missing here but present in "
                                    f"{first_directory} (environment {environment})")
                    elif relative not in first:
                        self.report(f"{directory}/{relative}", "environment.divergence", f"not in {first_directory} "
                                    f"(environment {environment})")
                    elif content[relative] != first[relative]:
                        self.report(f"{directory}/{relative}", "environment.divergence", f"differs from "
                                    f"{first_directory}/{relative}: clusters of environment {environment} must carry "
                                    "byte-identical trust")

    # ---- files nobody checked -------------------------------------------------------------

    def check_unexpected_files(self) -> None:
        for rel in self.files:
            path = PurePosixPath(rel)
            if rel.endswith((".yaml", ".yml")) or path.name in ("trustc-manifest.json", "bundle.json"):
                continue
            if rel == "azure-policy/definition.json" or "azure-policy" in path.parts[:-1]:
                continue
            if path.parent.name == "notation" and path.name in ("trustpolicy.oci.json", "trustpolicy.json", "README.md"):
                continue
            if "/notation/truststore/" in "/" + rel:
                continue
            self.report(rel, "layout.unexpected-file", "a file this checker does not know how to check")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def serialization_der():
    from cryptography.hazmat.primitives.serialization import Encoding
    return Encoding.DER


def valid_qualified_key(key) -> bool:
    if not isinstance(key, str):
        return False
    prefix, slash, name = key.rpartition("/")
    if slash and (not prefix or len(prefix) > 253 or not DNS1123_SUBDOMAIN.fullmatch(prefix)):
        return False
    return 0 < len(name) <= 63 and bool(QUALIFIED_NAME.fullmatch(name))


def azure_name_problem(name):
    if not isinstance(name, str) or name == "":
        return "is missing"
    if len(name) > 64:
        return f"is {len(name)} characters long (at most 64)"
    bad = sorted(set(name) & AZURE_NAME_FORBIDDEN)
    if bad:
        return f"contains {' '.join(bad)} (not allowed in Azure Policy names)"
    if name.endswith((" ", ".")):
        return "ends with a space or a period"
    if any(ord(c) < 32 for c in name):
        return "contains control characters"
    return None


def azure_type_matches(declared: str, value) -> bool:
    kind = str(declared).lower()
    if kind == "string":
        return isinstance(value, str)
    if kind == "array":
        return isinstance(value, list)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "datetime":
        if not isinstance(value, str):
            return False
        try:
            datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return True
        except ValueError:
            return False
    return False


def azure_value_allowed(declaration: dict, value) -> bool:
    allowed = declaration.get("allowedValues")
    if not isinstance(allowed, list):
        return True
    if str(declaration.get("type", "")).lower() == "array" and isinstance(value, list):
        return all(item in allowed for item in value)
    return value in allowed


def pruned_fields(schema, value, path):
    """Paths of fields a structural-schema API server would prune."""
    if not isinstance(schema, dict):
        return
    if isinstance(value, dict):
        if schema.get("x-kubernetes-preserve-unknown-fields") is True:
            return
        properties = schema.get("properties")
        if properties is None:
            return
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if key in properties:
                if path == "" and key == "metadata":
                    continue
                yield from pruned_fields(properties[key], item, child)
            elif schema.get("additionalProperties") not in (None, False):
                yield from pruned_fields(schema.get("additionalProperties"), item, child)
            else:
                yield child
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from pruned_fields(schema["items"], item, f"{path}[{index}]")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="check-rendered.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="the rendered output directory")
    parser.add_argument("--anchors", default=str(DEFAULT_ANCHORS), help="the anchor directory")
    try:
        arguments = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code not in (0, None) else 0
    out = Path(arguments.out)
    if not out.is_dir():
        print(f"check-rendered.py: {out} is not a directory", file=sys.stderr)
        return 2
    checker = Checker(out, Path(arguments.anchors))
    usage = checker.load_anchors()
    if usage:
        for line in usage:
            print(f"check-rendered.py: {line}", file=sys.stderr)
        return 2
    checker.run()
    for path, rule, message in sorted(checker.problems):
        print(f"{path}: {rule}: {message}")
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main())
