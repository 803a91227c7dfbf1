# The two commands of README.md. Each installs what it needs first (scripts/bootstrap.sh).
.PHONY: render validate test bootstrap bench

SWIFT_BUILD_FLAGS ?=
OUT ?= out

bootstrap:
	@scripts/bootstrap.sh

# Builds trustc and renders the sample policy repository into $(OUT)/.
render: bootstrap
	swift build -c release $(SWIFT_BUILD_FLAGS)
	.build/release/trustc validate policies
	.build/release/trustc render policies --out $(OUT)

validate: bootstrap
	swift build $(SWIFT_BUILD_FLAGS)
	.build/debug/trustc validate policies

# Runs the whole test suite (unit, golden-file, schema and end-to-end CLI tests). The hostile-input
# tests hold the release build, the one users run, to its time and memory budget.
test: bootstrap
	swift build $(SWIFT_BUILD_FLAGS)
	swift build -c release $(SWIFT_BUILD_FLAGS)
	swift test $(SWIFT_BUILD_FLAGS)

# The organisation-scale benchmark (Benchmarks/README.md): builds trustc in release mode and
# measures it on generated organisations of size $(SIZE) (small, large, huge; comma-separated),
# with the LibYAML floor and a plain Python renderer as anchors, on tmpfs. Not part of `make test`.
# `make bench SIZE=small,large REPEAT=5 BENCH_FLAGS="--markdown bench.md --check"`; an existing
# policy directory only: `make bench SIZE= BENCH_FLAGS="--policies DIR"`.
SIZE ?= large
REPEAT ?= 5
BENCH_FLAGS ?=

bench: bootstrap
	SWIFT_BUILD_FLAGS="$(SWIFT_BUILD_FLAGS)" python3 Benchmarks/run.py $(if $(SIZE),--size $(SIZE)) --repeat $(REPEAT) $(BENCH_FLAGS)
