# frontdoor: `make run` to try it, `make test` to check it. Both set up a fresh Debian 12 machine first.
BUILD_DIR  ?= build
BUILD_TYPE ?= Release
CONFIG     ?= config/frontdoor.toml
JOBS       ?= $(shell nproc)

.PHONY: all build run test bootstrap configure migrate seed-demo package clean

all: build

bootstrap:
	@scripts/bootstrap

# Configure once; later builds let Ninja re-run CMake when a CMakeLists.txt changes.
$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: bootstrap $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

migrate: build
	$(BUILD_DIR)/frontdoor migrate --config $(CONFIG)

# Loads demo users and contacts into a new database; leaves a database that has users alone.
seed-demo: migrate
	$(BUILD_DIR)/frontdoor seed-demo --config $(CONFIG)

run: seed-demo
	@echo
	@echo "Demo sign-ins (password for all: frontdoor-demo):"
	@echo "  officer (contact officer)      worker (social worker)     manager (team manager)"
	@echo "  coordinator (CP coordinator)   chair (CP chair)           hub (hub adviser)"
	@echo "  dpo (data protection officer)  analyst (analyst)          admin (administrator)"
	@echo
	$(BUILD_DIR)/frontdoor serve --config $(CONFIG)

# The short libFuzzer runs (fuzz.*.libfuzzer) need the cheap harnesses of the fuzz build: built
# first, so CTest finds them (tests/fuzz/README.md). FUZZ_IN_TEST=0 leaves the clang build out
# (those entries are then skipped; the corpus replays still run).
FUZZ_IN_TEST ?= 1
test: build $(if $(filter 0,$(FUZZ_IN_TEST)),,fuzz-build-cheap)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Fuzzing (tests/fuzz/README.md): libFuzzer harnesses built with clang-16 and ASan/UBSan in their
# own folder. `make fuzz` builds them all and runs each for FUZZ_SECONDS, keeping new corpus inputs
# in tests/fuzz/corpus/<target>; it fails when any harness finds something (the input is saved in
# $(FUZZ_BUILD_DIR)/crashes/<target>/). FUZZ_TARGETS=… for some of them only.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS   ?= 60
FUZZ_CHEAP     := nhs_number identifier_detector date timescale policy_pack http_request
FUZZ_TARGETS   ?= $(FUZZ_CHEAP) api_json form_body
.PHONY: fuzz fuzz-configure fuzz-build-cheap
$(FUZZ_BUILD_DIR)/build.ninja:
	CC=clang-16 CXX=clang++-16 cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DFRONTDOOR_FUZZ=ON

fuzz-configure: bootstrap $(FUZZ_BUILD_DIR)/build.ninja

fuzz-build-cheap: fuzz-configure
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_CHEAP))

fuzz: fuzz-configure
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	scripts/fuzz $(FUZZ_BUILD_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The Debian package (frontdoor_VERSION_ARCH.deb in $(BUILD_DIR)): docs/operations.md "Install".
# Only what the package holds is built (the program and the static files), not the tests.
package: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target frontdoor static_assets
	cd $(BUILD_DIR) && cpack -G DEB
	@ls $(BUILD_DIR)/frontdoor_*.deb

# The people-matching benchmarks (bench/): the matcher and PostgreSQL side by side on PEOPLE
# synthetic people (PEOPLE=100000 for a quick run), RUNS matcher runs and PG_PASSES PostgreSQL
# passes, results in docs/benchmarks.md.
# Never part of `make test`; built in their own folder with -DFRONTDOOR_BENCH=ON.
PEOPLE          ?= 1000000
QUERIES         ?= 5000
RUNS            ?= 3
PG_PASSES       ?= 2
BENCH_BUILD_DIR ?= build-bench
.PHONY: bench-match
bench-match:
	@scripts/bootstrap --bench
	cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRONTDOOR_BENCH=ON
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) --target match_bench pg_match bench_report
	PG_PASSES=$(PG_PASSES) scripts/bench-match $(BENCH_BUILD_DIR) $(PEOPLE) $(QUERIES) $(RUNS)

# The throughput benchmarks (bench/, scripts/bench-throughput): wrk on loopback against one node on
# SQLite beside raw SQLite and nginx, the social worker's queue page, and two nodes on one
# PostgreSQL; results in docs/benchmarks.md ("Throughput"). About 11 minutes with the defaults;
# DURATION=10s for a shorter run (about 6 minutes), POSTGRES=0 to leave out the two nodes, PROFILE=0
# to skip the perf profiles. The machine, load averages and medians go beside every figure.
DURATION    ?= 20s
CONNECTIONS ?= 32
POSTGRES    ?= 1
PROFILE     ?= 1
.PHONY: bench
bench:
	@scripts/bootstrap --bench
	cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRONTDOOR_BENCH=ON
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) --target frontdoor static_assets raw_sqlite_insert http_floor view_audit_cost
	DURATION=$(DURATION) RUNS=$(RUNS) CONNECTIONS=$(CONNECTIONS) POSTGRES=$(POSTGRES) PROFILE=$(PROFILE) \
	  scripts/bench-throughput $(BENCH_BUILD_DIR)

# The soak (bench/soak*.cpp, scripts/soak): eight virtual users (contact officers, social workers,
# managers) through sign-in, intake, screening, decisions, searches and pages against one server on a
# throwaway SQLite database for SOAK_DURATION (default 10m; e.g. SOAK_DURATION=2m to try it), its
# resident memory sampled; fails on any error answer or on 10% memory growth after warm-up. A run of
# 10 minutes writes the "Soak" section of docs/benchmarks.md. Never part of `make test`.
SOAK_DURATION ?= 10m
.PHONY: soak
soak:
	@scripts/bootstrap
	cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRONTDOOR_BENCH=ON
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) --target frontdoor static_assets soak
	SOAK_DURATION=$(SOAK_DURATION) scripts/soak $(BENCH_BUILD_DIR)

# The external SQL injection check: sqlmap against a running server's API and pages, signed in,
# on a throwaway demo database (docs/security.md "External check: sqlmap"). About 8 minutes,
# bounded below 15. Never part of `make test`.
.PHONY: security-check
security-check:
	@scripts/bootstrap --security
	@test -f $(BUILD_DIR)/build.ninja || cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
	cmake --build $(BUILD_DIR) -j $(JOBS) --target frontdoor static_assets
	scripts/security-check $(BUILD_DIR)/frontdoor

clean:
	rm -rf $(BUILD_DIR) $(FUZZ_BUILD_DIR)
