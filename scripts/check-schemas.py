#!/usr/bin/env python3
"""Validate trustc policy YAML files against the JSON Schemas in schemas/.

Usage:
    scripts/check-schemas.py [--schemas DIR] [PATH ...]

    PATH      directories (searched recursively for *.yaml and *.yml) or single YAML files.
              Default: `policies` and `examples` in the repository root; a missing path is
              skipped with a note on stderr (it is a usage error only when none exists).
              A directory search skips what is not a policy file in a policy repository's
              layout (an example under `examples/` is one): hidden files and directories
              (`.github/workflows/`, `.pre-commit-config.yaml`), directories trustc rendered
              (those holding `trustc-manifest.json`) and directories named `exports` (what
              `kubectl` and `az` printed from a cluster, for `trustc drift`). A file named
              explicitly is always checked.
    --schemas the schema directory (default: `schemas` in the repository root, i.e. beside
              this script's directory).

Every document of every file is validated (jsonschema Draft7Validator, with date formats checked)
against the schema for its `kind`: Organization -> organization.schema.json, Environment ->
environment.schema.json, Registry -> registry.schema.json, SigningIdentity ->
signingidentity.schema.json, Team -> team.schema.json, Cluster -> cluster.schema.json. A
document trustc skips is skipped here too: an `apiVersion` outside the `trustc` group, or neither
an `apiVersion` nor a trustc kind (GitOps manifests, Helm values). An unknown or missing kind in
a trustc document is a failure. Also a failure: a YAML syntax error, a duplicate mapping
key, a document that is not a mapping, and a `# yaml-language-server: $schema=...` modeline on
the first line that names a missing schema file or one that does not accept the documents' kinds
(trustc.schema.json accepts every kind).

Scalars are resolved with YAML 1.2's core schema, as trustc itself does (PyYAML defaults to
YAML 1.1): only true/false (True, TRUE, ...) are booleans, null/Null/NULL/~/empty are null,
integers are decimal, 0o octal or 0x hex, floats are 1.2 core floats; everything else (`off`,
`no`, `yes`, `on`, `2026-10-20`, `010`...) stays a string.

Output: one line per failure, `file: document N (kind/name): <json path>: <message>`.
Exit status: 0 when everything is valid, 1 on any failure, 2 on usage errors.

Requires Python 3.9+, PyYAML and jsonschema (>= 4.18, for the `referencing` registry).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import jsonschema
import yaml
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = ["policies", "examples"]

KIND_SCHEMAS = {
    "Organization": "organization.schema.json",
    "Environment": "environment.schema.json",
    "Registry": "registry.schema.json",
    "SigningIdentity": "signingidentity.schema.json",
    "Team": "team.schema.json",
    "Cluster": "cluster.schema.json",
}
ANY_KIND_SCHEMA = "trustc.schema.json"
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")


# --------------------------------------------------------------------------------------------
# YAML 1.2 core-schema loader


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema implicit resolution and duplicate-key detection."""


# Drop every YAML 1.1 implicit resolver (bool yes/no/on/off, timestamps, sexagesimal ints,
# merge keys `<<`, `=`), then add the 1.2 core ones.
Yaml12Loader.yaml_implicit_resolvers = {}

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))


def _construct_bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


def _construct_int(loader, node):
    value = loader.construct_scalar(node)
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value, 10)


def _construct_float(loader, node):
    value = loader.construct_scalar(node)
    lowered = value.lower()
    if lowered.endswith(".inf"):
        return -math.inf if value.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    return float(value)


class DuplicateKeyError(yaml.MarkedYAMLError):
    pass


def _construct_mapping(loader, node, deep=False):
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark, "found an unhashable key", key_node.start_mark
            )
        if key in seen:
            raise DuplicateKeyError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r} (first at line {seen[key].line + 1})", key_node.start_mark,
            )
        seen[key] = key_node.start_mark
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# Explicitly tagged 1.1-only types (!!timestamp, !!binary...) keep SafeLoader's constructors; they
# never arise implicitly.


# --------------------------------------------------------------------------------------------


def json_path(path) -> str:
    text = "$"
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            text += f".{part}"
        else:
            text += "[" + json.dumps(str(part)) + "]"
    return text


def load_schemas(directory: Path):
    """Returns ({filename: schema}, referencing registry keyed by each schema's $id)."""
    schemas = {}
    resources = []
    for path in sorted(directory.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name] = schema
        resource = Resource.from_contents(schema, default_specification=DRAFT7)
        resources.append((schema.get("$id", path.resolve().as_uri()), resource))
    return schemas, Registry().with_resources(resources)


RENDERED_MANIFEST = "trustc-manifest.json"
LIVE_EXPORTS = "exports"


def yaml_files(paths: list[Path]) -> list[Path]:
    files: set[Path] = set()
    for path in paths:
        if path.is_file():
            files.add(path)
        else:
            rendered = [m.parent for m in path.rglob(RENDERED_MANIFEST)]
            for pattern in ("*.yaml", "*.yml"):
                for p in path.rglob(pattern):
                    inside = p.relative_to(path).parts
                    if not p.is_file() or any(part.startswith(".") or part == LIVE_EXPORTS for part in inside[:-1]) \
                            or inside[-1].startswith("."):
                        continue
                    if any(p.is_relative_to(directory) for directory in rendered):
                        continue
                    files.add(p)
    return sorted(files)


def display(path: Path) -> str:
    """The path relative to the working directory when it lies inside it, else absolute."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute)


def error_message(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, or the schema's own patternErrorMessage / errorMessage (the
    vscode-json-languageservice extensions that yaml-language-server shows in editors)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    custom = (schema.get("patternErrorMessage") if error.validator == "pattern" else None) or schema.get("errorMessage")
    if custom and error.validator in ("pattern", "not"):
        return f"{error.instance!r}: {custom}"
    return error.message


def describe(document) -> str:
    if not isinstance(document, dict):
        return "?/?"
    kind = document.get("kind")
    metadata = document.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return f"{kind if isinstance(kind, str) else '?'}/{name if isinstance(name, str) else '?'}"


def check_file(path: Path, schemas, validators, schema_dir: Path) -> list[str]:
    failures: list[str] = []
    shown = display(path)
    text = path.read_text(encoding="utf-8")
    try:
        documents = list(yaml.load_all(text, Loader=Yaml12Loader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        return [f"{shown}: {where}invalid YAML: {problem}"]

    kinds_seen = set()
    for index, document in enumerate(documents, start=1):
        if document is None:  # an empty document (e.g. a trailing `---`)
            continue
        prefix = f"{shown}: document {index} ({describe(document)})"
        if not isinstance(document, dict):
            failures.append(f"{prefix}: $: the document is not a mapping")
            continue
        kind = document.get("kind")
        version = document.get("apiVersion")
        if (isinstance(version, str) and version.split("/", 1)[0] != "trustc") or (version is None and kind not in KIND_SCHEMAS):
            continue  # not trustc's: trustc skips it too (TP114)
        if kind not in KIND_SCHEMAS:
            known = ", ".join(KIND_SCHEMAS)
            message = "missing kind" if kind is None else f"unknown kind {kind!r}"
            failures.append(f"{prefix}: $.kind: {message} (expected one of {known})")
            continue
        kinds_seen.add(kind)
        validator = validators[kind]
        lines = sorted(
            f"{prefix}: {json_path(error.absolute_path)}: {error_message(error)}"
            for error in validator.iter_errors(document)
        )
        failures.extend(dict.fromkeys(lines))  # sorted, without duplicates

    first_line = text.splitlines()[0] if text else ""
    match = MODELINE.match(first_line)
    if match:
        target = (path.parent / match.group(1)).resolve()
        if not target.is_file():
            failures.append(f"{shown}: line 1: the modeline's schema {match.group(1)} does not exist")
        elif target.parent != schema_dir.resolve() or target.name not in schemas:
            failures.append(f"{shown}: line 1: the modeline's schema {match.group(1)} is not one of {display(schema_dir)}/*.json")
        elif target.name != ANY_KIND_SCHEMA:
            wrong = sorted(k for k in kinds_seen if KIND_SCHEMAS[k] != target.name)
            if wrong:
                failures.append(
                    f"{shown}: line 1: the modeline's schema {match.group(1)} does not accept kind "
                    f"{', '.join(wrong)} (use {ANY_KIND_SCHEMA} for a file of several kinds)"
                )
    return failures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Validate trustc policy YAML files against the JSON Schemas.",
        epilog="Exit status: 0 valid, 1 validation failures, 2 usage error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="directories or YAML files (default: policies examples in the repository root)")
    parser.add_argument("--schemas", metavar="DIR", type=Path, default=REPO_ROOT / "schemas",
                        help="schema directory (default: schemas in the repository root)")
    args = parser.parse_args(argv)  # exits 2 on bad usage

    schema_dir: Path = args.schemas
    missing_schemas = [name for name in [*KIND_SCHEMAS.values()] if not (schema_dir / name).is_file()]
    if missing_schemas:
        print(f"check-schemas: {display(schema_dir)}: missing {', '.join(missing_schemas)}", file=sys.stderr)
        return 2
    try:
        schemas, registry = load_schemas(schema_dir)
        validators = {}
        for kind, filename in KIND_SCHEMAS.items():
            schema = schemas[filename]
            jsonschema.Draft7Validator.check_schema(schema)
            validators[kind] = jsonschema.Draft7Validator(
                schema, registry=registry, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
            )
    except (ValueError, jsonschema.SchemaError) as error:
        print(f"check-schemas: invalid schema in {display(schema_dir)}: {error}", file=sys.stderr)
        return 2

    given = [Path(p) for p in args.paths] if args.paths else [REPO_ROOT / p for p in DEFAULT_PATHS]
    existing = []
    for path in given:
        if path.exists():
            existing.append(path)
        else:
            print(f"check-schemas: skipping {display(path)}: no such file or directory", file=sys.stderr)
    if not existing:
        print("check-schemas: nothing to check", file=sys.stderr)
        return 2

    files = yaml_files(existing)
    failures: list[str] = []
    for path in files:
        failures.extend(check_file(path, schemas, validators, schema_dir))
    for failure in failures:
        print(failure)
    documents = "file" if len(files) == 1 else "files"
    summary = f"check-schemas: {len(files)} {documents} checked, {len(failures)} failure(s)"
    print(summary, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
