# ocpp-bridge/build.mk - the OCPP bridge, included by the top Makefile.
# BRIDGE_SRC: every bridge .c but main.c (unit tests and the fuzz target include what they need).
BRIDGE_SRC  := $(filter-out ocpp-bridge/main.c,$(wildcard ocpp-bridge/*.c))
BRIDGE_OBJ  := $(BRIDGE_SRC:%.c=build/%.o)
BRIDGE_LIBS := -lwebsockets -lev -ljansson -lpq -lsodium -lpthread -lm
# what bin/evshare-admin needs for `command` (schema validation only)
ADMIN_BRIDGE_OBJ := build/ocpp-bridge/schemas.o build/ocpp-bridge/validate.o build/ocpp-bridge/ocpp16.o

PROGRAMS += bin/ocpp-bridge

bin/ocpp-bridge: build/ocpp-bridge/main.o $(BRIDGE_OBJ) $(LIB_OBJ)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(BRIDGE_LIBS)

# The unit tests of the bridge include its .c files: rebuild them when those change.
BRIDGE_UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_ocpp_*.c))
$(BRIDGE_UNIT_BIN): $(BRIDGE_SRC) $(wildcard ocpp-bridge/*.h)
build/fuzz/fuzz_ocpp: $(wildcard ocpp-bridge/*.h)

# Regenerates schemas.c from ocpp-rpc's ocpp1_6.json (needs node; the output is committed).
.PHONY: ocpp-schemas
ocpp-schemas:
	node ocpp-bridge/gen-schemas.mjs
