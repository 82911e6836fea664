# bench/build.mk - the charger simulator and the OCPP benchmark; included by the top Makefile.

SIM_SRC  := $(wildcard bench/sim/*.c)
SIM_OBJ  := $(SIM_SRC:%.c=build/%.o)
SIM_LIBS := -lwebsockets -lev -ljansson $(LIB_LIBS)

PROGRAMS += bin/evshare-sim

bin/evshare-sim: $(SIM_OBJ) $(LIB_OBJ)
	@mkdir -p bin
	$(CC) $(CFLAGS) -o $@ $^ $(SIM_LIBS)

bench-ocpp: all
	@scripts/deps.sh bench
	@bench/ocpp.sh

# the simulator's unit test includes these (tests/unit/test_sim_text.c)
build/tests/test_sim_text: bench/sim/text.c bench/sim/timer.c bench/sim/sim.h
