# redpipe: make test runs everything CI runs. Tests start their own
# redis-server processes (two standalone servers and a 6-node cluster) on
# free loopback ports; they only need redis-server and redis-cli installed.
GO ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: test lint redis-server valkey test-valkey

test: redis-server
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 14m ./...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

# make bench runs bench/'s benchmarks (raw drivers and redpipe in one
# rotating loop per scenario, a few minutes) and writes BENCHMARKS.md.
.PHONY: bench
bench: redis-server
	$(GO) run ./bench/cmd/benchreport -go $(GO) -o BENCHMARKS.md

# make soak runs soak/'s chaos soak (32 goroutines of pipelines over every
# adapter while servers are killed, frozen, failed over and resharded,
# about 90 s) and writes RELIABILITY.md; it fails when the soak does.
.PHONY: soak
soak: redis-server
	$(GO) run ./soak/cmd/soakreport -go $(GO) -o RELIABILITY.md

# redis-server and redis-cli come from Debian's packages. Installed here
# when missing and we are root; otherwise the exact command is printed.
redis-server:
	@if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "redis-server not found: installing it with apt-get"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null; \
	else \
		echo "redis-server is required by the tests and is not installed."; \
		echo "Install it with: sudo apt-get install -y redis-server redis-tools"; \
		exit 1; \
	fi

# make fuzz runs every native fuzz target (a func FuzzXxx in a _test.go
# file) for FUZZTIME each, one after another: go test -fuzz takes one
# target of one package per run. Packages are found by grep, not by
# go test -list ./..., because listing runs every package's TestMain and
# some start a redis-server. A failing input is written to the package's
# testdata/fuzz/FuzzXxx/, where plain go test replays it from then on.
FUZZTIME ?= 10s
.PHONY: fuzz
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		names=$$($(GO) test -list '^Fuzz' $$dir); \
		for name in $$(echo "$$names" | grep '^Fuzz'); do \
			echo "== $$dir $$name ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$dir; \
		done; \
	done

# make valkey installs Valkey 8 (valkey-server, valkey-cli) from Debian's
# bookworm-backports suite, which it adds to the Suites line of the
# machine's own Debian source (same mirror); nothing when installed.
VALKEY_SOURCES ?= /etc/apt/sources.list.d/debian.sources
valkey:
	@if command -v valkey-server >/dev/null 2>&1 && command -v valkey-cli >/dev/null 2>&1; then \
		exit 0; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ -f $(VALKEY_SOURCES) ]; then \
		echo "valkey-server not found: installing it from bookworm-backports"; \
		grep -q 'bookworm-backports' $(VALKEY_SOURCES) || \
			sed -i '0,/^Suites: bookworm bookworm-updates$$/s//Suites: bookworm bookworm-updates bookworm-backports/' $(VALKEY_SOURCES); \
		grep -q 'bookworm-backports' $(VALKEY_SOURCES) || { echo "could not add bookworm-backports to $(VALKEY_SOURCES)"; exit 1; }; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports valkey-server valkey-tools >/dev/null; \
	else \
		echo "valkey-server is required by make test-valkey and is not installed."; \
		echo "As root, add bookworm-backports to the Suites line of $(VALKEY_SOURCES), then run:"; \
		echo "  apt-get update && apt-get install -y -t bookworm-backports valkey-server valkey-tools"; \
		exit 1; \
	fi

# make test-valkey runs the whole suite against Valkey: conformance/redistest
# starts valkey-server and uses valkey-cli (REDISTEST_SERVER, REDISTEST_CLI).
test-valkey: valkey
	REDISTEST_SERVER=valkey-server REDISTEST_CLI=valkey-cli $(GO) test -race -count=1 -timeout 14m ./...
