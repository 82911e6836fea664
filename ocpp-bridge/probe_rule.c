/* probe_rule.c - the duplicate-identity rule, pure: from what the bridge knows of a charger's
 * connections when a new one arrives (or when the database has said who holds it), the step
 * the probe takes next. No I/O, no sessions: probe.c gathers the facts and does the step. */
#include "probe.h"

enum probe_step
probe_on_connect(int probing, int old_here)
{
	if (probing)
		return PROBE_REJECT;            /* a third connection while two are sorted out */
	if (old_here)
		return PROBE_PING_HERE;
	return PROBE_ASK_HOLDER;
}

enum probe_step
probe_on_holder(int holder_found, int probing, int other_active)
{
	if (!holder_found)
		return PROBE_ACTIVATE;          /* nobody else (or no database to ask): served */
	if (probing || other_active)
		return PROBE_REJECT;            /* meanwhile another connection came here */
	return PROBE_PING_THERE;
}
