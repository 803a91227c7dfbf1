#!/bin/sh
# Seeds the fuzzing corpus with every YAML file of the sample policy directory (policies/) and
# every live export of examples/exports/ (for drift's reader), one input per file, named after
# its path. Run from anywhere; writes Fuzz/corpus/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus="$here/corpus"
mkdir -p "$corpus"
cd "$root/policies"
find . -name '*.yaml' -o -name '*.yml' | sort | while read -r file; do
    name=$(printf '%s' "${file#./}" | tr '/' '_')
    cp "$file" "$corpus/seed-$name"
done
cd "$root/examples/exports"
find . -name '*.yaml' -o -name '*.json' | sort | while read -r file; do
    name=$(printf '%s' "${file#./}" | tr '/' '_')
    cp "$file" "$corpus/seed-export-$name"
done
echo "seeded $(ls "$corpus" | wc -l | tr -d ' ') inputs into $corpus"
