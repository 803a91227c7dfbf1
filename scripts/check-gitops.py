#!/usr/bin/env python3
"""Checks GitOps manifests against the CRD schemas of the controllers that apply them.

    check-gitops.py FILE...                    validate every document
    check-gitops.py --select OUT APPSET_FILE   print the directories of OUT (a render's output
                                               directory, at repository path `out`) that the
                                               ApplicationSet's git directory generator selects

Validation is what an API server with strict field validation does (`kubectl apply
--validate=strict`, the default): the CRD's openAPIV3Schema, with unknown fields refused wherever
the schema does not preserve them. Schemas: Tests/TrustPolicyCompilerTests/Fixtures/anchors/gitops/.
A document of a kind without a schema there is reported and not checked. Exit 0 clean, 1 problems,
2 usage errors.

The directory selection follows Argo CD's `filterApps` (applicationset/generators/git.go): a
directory is selected when it matches an include pattern and no exclude pattern, with Go's
`path.Match` (`*` never crosses `/`), directories starting with `.` never listed."""
import fnmatch
import json
import os
import sys
from pathlib import Path

import jsonschema
import yaml

ANCHORS = Path(__file__).resolve().parent.parent / "Tests/TrustPolicyCompilerTests/Fixtures/anchors/gitops"


def strict(schema):
    """Refuses unknown fields where the schema lists properties and preserves nothing else."""
    if isinstance(schema, dict):
        schema = {key: strict(value) for key, value in schema.items()}
        if (schema.get("type") == "object" and "properties" in schema and "additionalProperties" not in schema
                and not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def schemas():
    result = {}
    for path in sorted(ANCHORS.glob("*.json")):
        anchor = json.loads(path.read_text())
        result[(anchor["apiVersion"], anchor["kind"])] = strict(anchor["schema"])
    return result


def validate(files):
    known = schemas()
    problems = 0
    for name in files:
        with open(name) as handle:
            documents = [document for document in yaml.safe_load_all(handle) if document is not None]
        for index, document in enumerate(documents):
            where = f"{name}#{index + 1} {document.get('kind')}/{(document.get('metadata') or {}).get('name')}"
            schema = known.get((document.get("apiVersion"), document.get("kind")))
            if schema is None:
                print(f"{where}: no schema for {document.get('apiVersion')} {document.get('kind')}; not checked")
                continue
            for error in sorted(jsonschema.Draft7Validator(schema).iter_errors(document), key=str):
                location = "/".join(str(part) for part in error.absolute_path) or "(document)"
                print(f"{where}: {location}: {error.message}")
                problems += 1
    return 1 if problems else 0


def path_match(pattern, path):
    pattern_parts, path_parts = pattern.strip("/").split("/"), path.strip("/").split("/")
    return len(pattern_parts) == len(path_parts) and all(
        fnmatch.fnmatchcase(part, glob) for glob, part in zip(pattern_parts, path_parts))


def select(out, appset_file):
    with open(appset_file) as handle:
        appset = yaml.safe_load(handle)
    directories = [generator["git"]["directories"] for generator in appset["spec"]["generators"] if "git" in generator][0]
    candidates = []
    for root, dirs, _ in os.walk(out):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for directory in dirs:
            candidates.append("out/" + os.path.relpath(os.path.join(root, directory), out))
    for candidate in sorted(candidates):
        included = any(path_match(d["path"], candidate) and not d.get("exclude") for d in directories)
        excluded = any(path_match(d["path"], candidate) and d.get("exclude") for d in directories)
        if included and not excluded:
            print(candidate)
    return 0


def main(arguments):
    if arguments[:1] == ["--select"] and len(arguments) == 3:
        return select(arguments[1], arguments[2])
    if not arguments or arguments[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    return validate(arguments)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
