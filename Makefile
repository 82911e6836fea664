# evshare - `make run` brings the whole system up, `make test` runs every suite.
# Non-recursive: this file builds the web side and the tools; ocpp-bridge/build.mk the bridge,
# bench/build.mk the simulator (each adds its program to PROGRAMS; `all` is defined once, here).

.DEFAULT_GOAL := all
CFLAGS   ?= -O2 -g
CFLAGS   += -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE
CPPFLAGS += -Ilib -Itools -I/usr/include/ClearSilver -I/usr/include/postgresql
VERSION  := $(shell git describe --always --dirty 2>/dev/null || echo dev)
CPPFLAGS += -DEVSHARE_VERSION='"$(VERSION)"'

LIB_SRC  := lib/buf.c lib/config.c lib/log.c lib/db.c lib/secret.c lib/money.c
# the helpers both programs share, one definition each (lib/hash.h is header-only)
LIB_SRC  += lib/utf8.c lib/clock.c lib/number.c
LIB_OBJ  := $(LIB_SRC:%.c=build/%.o)
LIB_LIBS := -lpq -lsodium
# OCPP_LIB: lib/ocpp, the protocol library the bridge and the tools link
include lib/ocpp/build.mk

FCGI_SRC := $(wildcard fcgi/*.c)
FCGI_OBJ := $(FCGI_SRC:%.c=build/%.o)
FCGI_LIBS := -lfcgi -lneo_cs -lneo_utl -ljansson -lcurl $(LIB_LIBS) -lm

ADMIN_SRC := $(wildcard tools/*.c)
ADMIN_LIBS := -ljansson $(LIB_LIBS)

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)

PROGRAMS := bin/evshare.fcgi bin/evshare-admin

# the bridge and the simulator bring their own rules (and BRIDGE_SRC, BRIDGE_LIBS...)
include ocpp-bridge/build.mk
include bench/build.mk

.PHONY: all deps run stop test test-fresh bench bench-web bench-ocpp clean psql vendor units fuzz schema
all: $(PROGRAMS) vendor

# The Debian packages come before any compile, also under make -j: every object, program and
# vendored file waits (order-only) for this stamp, which scripts/deps.sh writes once the build
# packages are all there.
DEPS_STAMP := build/deps.stamp
$(DEPS_STAMP): scripts/deps.sh
	@scripts/deps.sh build
deps:
	@scripts/deps.sh build

build/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

bin/evshare.fcgi: $(FCGI_OBJ) $(LIB_OBJ)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(FCGI_LIBS)

# OCPP_LIB: the actions and their payload validation, for `command`
bin/evshare-admin: $(ADMIN_SRC:%.c=build/%.o) $(LIB_OBJ) $(OCPP_LIB)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(ADMIN_LIBS)


# Leaflet and markercluster from Debian's packages, served by us (never a CDN).
vendor: static/vendor/leaflet/leaflet.js
static/vendor/leaflet/leaflet.js: | $(DEPS_STAMP)
	@mkdir -p static/vendor
	rm -rf static/vendor/leaflet
	cp -rL /usr/share/javascript/leaflet static/vendor/leaflet
	find static/vendor/leaflet -name '*.gz' -o -name '*.brotli' -o -name '*.map' | xargs rm -f

# Unit tests, built with ASan+UBSan: each includes the .c file it tests (so it reaches that
# file's static functions) and takes everything else from WEB_TEST_LIB, the web side's and
# lib/'s objects built once more with the sanitizers; an archive member is linked only for
# what the test does not define itself. The bridge's tests include what they need.
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer
SAN_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -O1 -g $(SAN)
WEB_TEST_LIB := build/san/libevshare-web.a
WEB_TEST_OBJ := $(patsubst %.c,build/san/%.o,$(filter-out fcgi/main.c,$(FCGI_SRC)) $(LIB_SRC))
build/san/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SAN_CFLAGS) -MMD -MP -c $< -o $@
$(WEB_TEST_LIB): $(WEB_TEST_OBJ)
	@rm -f $@
	ar rcs $@ $^
build/tests/%: tests/unit/%.c tests/unit/t.h $(WEB_TEST_LIB) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(SAN_CFLAGS) -Itests/unit -MMD -MP -o $@ $< $(WEB_TEST_LIB) \
		$(FCGI_LIBS) $(BRIDGE_LIBS)
units: $(UNIT_BIN) $(BRIDGE_UNIT_BIN)

# libFuzzer targets (clang), run briefly by make test
build/fuzz/%: tests/fuzz/%.c $(FCGI_SRC) $(BRIDGE_SRC) $(LIB_SRC) $(OCPP_SRC) $(OCPP_HDR) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	clang $(CPPFLAGS) -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< $(FCGI_LIBS) $(BRIDGE_LIBS)
fuzz: $(FUZZ_BIN)

# SIM: how many demo chargers the simulator brings to life (0: none)
SIM ?= 40
run:
	@scripts/deps.sh run
	@$(MAKE) --no-print-directory all
	@EVSHARE_SIM=$(SIM) EVSHARE_BANNER=1 scripts/instance.sh start

stop:
	@scripts/instance.sh stop

# sql/schema.sql from a fresh migrate (in a scratch database of the running instance: make run)
schema: bin/evshare-admin
	@scripts/schema.sh

psql:
	@scripts/instance.sh psql

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory all units fuzz
	@tests/run

# the two commands on a freshly bootstrapped Debian 12 root, as a new user types them (as root)
test-fresh:
	@scripts/test-fresh.sh

bench: bench-web bench-ocpp
bench-web: all
	@scripts/deps.sh bench
	@bench/web.sh

clean:
	rm -rf build bin static/vendor tests/out

-include $(shell find build -name '*.d' 2>/dev/null)
