# cpanet: one binary, one Makefile. `make help` lists the targets.
# CI runs .ci/run, which runs `make test`.

GO    ?= go
NPM   ?= npm
BIN   ?= bin/cpanet
GOFMT ?= $(shell $(GO) env GOROOT)/bin/gofmt

FRONTEND := frontend
# Stamp of the last `npm ci`: reinstall when package-lock.json is newer.
NPM_STAMP := $(FRONTEND)/node_modules/.stamp

# banner prints a section heading in the output of `make test`.
banner = @printf '\n==> %s (%s)\n' '$(1)' "$$(date +%T)"

# One target at a time, in the order written, also under -j.
.NOTPARALLEL:
.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@echo 'Usage: make <target>'
	@echo
	@awk 'BEGIN {FS = ":.*## "} \
		/^##@ / {printf "\n%s:\n", substr($$0, 5)} \
		/^[a-zA-Z0-9_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

##@ Build and run

.PHONY: generate
generate: $(NPM_STAMP) ## Regenerate ent, gqlgen, the schema's migration (if it changed) and the frontend's GraphQL types
	$(call banner,generate)
	$(GO) generate ./...
	.ci/pgtmp run -- $(GO) run ./cmd/migrations -name $(or $(MIGRATION),change)
	cd $(FRONTEND) && $(NPM) run codegen

$(NPM_STAMP): $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci
	@mkdir -p $(@D) && touch $@

.PHONY: frontend
frontend: $(NPM_STAMP) ## Build the dashboard (npm ci when needed, then npm run build)
	$(call banner,frontend)
	cd $(FRONTEND) && $(NPM) run build

.PHONY: build
build: frontend ## Build the server binary (bin/cpanet) with the dashboard embedded
	$(call banner,build)
	$(GO) build -o $(BIN) ./server

.PHONY: run
run: build ## Build and run (demo data on an empty embedded database, CPANET_ADDR=:8080)
	./$(BIN)

##@ Tests

.PHONY: test
test: lint check-generate ## Everything CI runs (the Go tests beside the frontend's checks and golangci-lint, then build and the browser tests)
	$(call banner,test-go beside test-frontend and lint-go)
	.ci/together go '$(MAKE) --no-print-directory test-go' frontend '$(MAKE) --no-print-directory test-frontend' \
		lint '$(MAKE) --no-print-directory lint-go'
	@$(MAKE) --no-print-directory test-e2e
	$(call banner,test: all passed)

.PHONY: lint
lint: ## gofmt -l on hand-written Go code (fast; golangci-lint runs beside the tests)
	$(call banner,lint)
	@files=$$(find . -name '*.go' -not -path './.git/*' -not -path './$(FRONTEND)/*' \
		-exec grep -L '^// Code generated .* DO NOT EDIT\.$$' {} +); \
	unformatted=$$(if [ -n "$$files" ]; then $(GOFMT) -l $$files; fi); \
	if [ -n "$$unformatted" ]; then echo "gofmt -l: run gofmt -w on:"; echo "$$unformatted"; exit 1; fi

# golangci-lint at a pinned version, built once by the go command from the module proxy and
# cached (go run caches executables): no install step, the same linters everywhere.
GOLANGCI_LINT ?= $(GO) run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0

.PHONY: lint-go
lint-go: ## golangci-lint (.golangci.yml: go vet, staticcheck, errcheck, revive, … on hand-written code)
	$(call banner,lint-go)
	$(GOLANGCI_LINT) run ./...

.PHONY: check-generate
check-generate: ## Fail if `make generate` changes the tree, e.g. a schema change without its migration (stage your changes first)
	$(call banner,check-generate)
	.ci/check-generate

.PHONY: test-go
test-go: ## Go tests, against a throwaway PostgreSQL (TEST_DATABASE_URL)
	$(call banner,test-go)
	.ci/pgtmp run -- $(GO) test -count=1 -timeout 20m ./...

.PHONY: test-race
test-race: ## Go tests with the race detector (slow; not part of `test`)
	$(call banner,test-race)
	.ci/pgtmp run -- $(GO) test -race -count=1 -timeout 40m ./...

.PHONY: test-frontend
test-frontend: $(NPM_STAMP) ## Frontend typecheck, lint and unit tests
	$(call banner,test-frontend)
	cd $(FRONTEND) && $(NPM) run typecheck && $(NPM) run lint && $(NPM) test

.PHONY: test-e2e
test-e2e: build ## Browser tests and GraphQL-over-HTTP audit against the built server
	$(call banner,test-e2e)
	.ci/deps chromium
	.ci/e2e $(BIN)

.PHONY: test-deploy
test-deploy: ## deploy/ on loopback: HAProxy, 3 servers, Patroni primary + replica; SIGKILL, switchover, lost = 0 (~2 min; root installs the packages; not part of `test`)
	$(call banner,test-deploy)
	deploy/run test

.PHONY: bench
bench: build ## Benchmarks of SPEC §8 on bin/cpanet (durable PostgreSQL, loopback)
	$(call banner,bench)
	BIN=$(BIN) .ci/bench

##@ Housekeeping

.PHONY: deps
deps: ## Install missing Debian packages the tests use (chromium, wrk)
	.ci/deps

.PHONY: clean
clean: ## Remove build outputs
	rm -f $(BIN) coverage.out coverage.html *.coverprofile $(NPM_STAMP)
