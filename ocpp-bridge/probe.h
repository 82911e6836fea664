/* probe.h - the duplicate-identity rule (probe_rule.c), pure: which step the probe of a new
 * connection takes, from what is known of the charger's other connections. What the steps do
 * is probe.c's (declared in bridge.h). */
#ifndef OCPP_PROBE_H
#define OCPP_PROBE_H

enum probe_step {
	PROBE_ACTIVATE,         /* the new connection becomes the charger's live one */
	PROBE_REJECT,           /* the new connection is closed ("already connecting") */
	PROBE_PING_HERE,        /* the old connection is here: ping it, PROBE_MS for an answer */
	PROBE_ASK_HOLDER,       /* ask the database whether another bridge holds the charger */
	PROBE_PING_THERE,       /* that bridge pings its connection; we ask for its verdict later */
};

/* A handshake is done. probing: a connection for this charger already waits for a probe;
 * old_here: another connection for it here is still open (not closed, its socket there).
 * PROBE_REJECT, PROBE_PING_HERE or PROBE_ASK_HOLDER. */
enum probe_step probe_on_connect(int probing, int old_here);

/* The database answered who holds the charger. holder_found: it named another live bridge
 * (false too when the question failed: a charger is served rather than left waiting);
 * probing / other_active: meanwhile another connection for it came here and waits for a probe /
 * is its live one. PROBE_ACTIVATE, PROBE_REJECT or PROBE_PING_THERE. */
enum probe_step probe_on_holder(int holder_found, int probing, int other_active);

#endif
