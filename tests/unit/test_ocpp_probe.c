/* test_ocpp_probe.c - the duplicate-identity rule (probe_rule.c): the step a new connection's
 * probe takes from what is known of the charger's other connections. */
#include "../../ocpp-bridge/probe_rule.c"
#include "t.h"

static void
test_on_connect(void)
{
	T_INT(probe_on_connect(0, 0), PROBE_ASK_HOLDER, "no other connection here: ask who holds it");
	T_INT(probe_on_connect(0, 1), PROBE_PING_HERE, "an open connection here: ping it");
	T_INT(probe_on_connect(1, 0), PROBE_REJECT, "a probe under way: a third connection is closed");
	T_INT(probe_on_connect(1, 1), PROBE_REJECT, "... also while the old one is here");
}

static void
test_on_holder(void)
{
	T_INT(probe_on_holder(0, 0, 0), PROBE_ACTIVATE, "nobody holds it: served");
	T_INT(probe_on_holder(0, 1, 1), PROBE_ACTIVATE,
	    "no holder (or no answer): served, whatever came meanwhile");
	T_INT(probe_on_holder(1, 0, 0), PROBE_PING_THERE, "another bridge holds it: probed there");
	T_INT(probe_on_holder(1, 1, 0), PROBE_REJECT, "held there and a probe began here meanwhile: closed");
	T_INT(probe_on_holder(1, 0, 1), PROBE_REJECT, "held there and live here meanwhile: closed");
}

int
main(void)
{
	test_on_connect();
	test_on_holder();
	return t_done();
}
