# lib/ocpp/build.mk - the OCPP 1.6 protocol library (actions, schemas, validation, the identity
# rule), included by the top Makefile before the programs that link it: the bridge and
# evshare-admin link OCPP_LIB. Its sources include only libc, jansson and lib/*.h.
OCPP_SRC := $(wildcard lib/ocpp/*.c)
OCPP_HDR := $(wildcard lib/ocpp/*.h)
OCPP_LIB := build/lib/ocpp/libocpp.a

$(OCPP_LIB): $(OCPP_SRC:%.c=build/%.o)
	@rm -f $@
	ar rcs $@ $^

# The bridge's unit tests and its fuzz target include these sources.
build/fuzz/fuzz_ocpp: $(OCPP_SRC) $(OCPP_HDR)

# Regenerates schemas.c from ocpp-rpc's ocpp1_6.json (needs node; the output is committed).
.PHONY: ocpp-schemas
ocpp-schemas:
	node lib/ocpp/gen-schemas.mjs
