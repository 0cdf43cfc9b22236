# frontdoor: `make run` to try it, `make test` to check it. Both set up a fresh Debian 12 machine first.
BUILD_DIR  ?= build
BUILD_TYPE ?= Release
CONFIG     ?= config/frontdoor.toml
JOBS       ?= $(shell nproc)

.PHONY: all build run test bootstrap configure migrate seed-demo clean

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

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR)
