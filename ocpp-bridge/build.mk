# ocpp-bridge/build.mk - the OCPP bridge, included by the top Makefile.
# BRIDGE_SRC: every bridge .c but main.c (unit tests and the fuzz target include what they need).
BRIDGE_SRC  := $(filter-out ocpp-bridge/main.c,$(wildcard ocpp-bridge/*.c))
BRIDGE_OBJ  := $(BRIDGE_SRC:%.c=build/%.o)
BRIDGE_LIBS := -lwebsockets -lev -ljansson -lpq -lsodium -lpthread -lm

PROGRAMS += bin/ocpp-bridge

# OCPP_LIB (lib/ocpp/build.mk): the protocol, actions to validation
bin/ocpp-bridge: build/ocpp-bridge/main.o $(BRIDGE_OBJ) $(LIB_OBJ) $(OCPP_LIB)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(BRIDGE_LIBS)

# The unit tests of the bridge include its .c files and lib/ocpp's: rebuild them when those change.
BRIDGE_UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_ocpp_*.c))
$(BRIDGE_UNIT_BIN): $(BRIDGE_SRC) $(wildcard ocpp-bridge/*.h) $(OCPP_SRC) $(OCPP_HDR)
build/fuzz/fuzz_ocpp: $(wildcard ocpp-bridge/*.h)
