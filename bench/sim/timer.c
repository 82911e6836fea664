/* timer.c - a hashed timing wheel for the chargers' timers (meter values, sessions, heartbeats,
 * answers awaited, reconnects). libwebsockets keeps its timers in one sorted list, which costs a
 * walk of the list per schedule: with tens of thousands of chargers that walk was most of the
 * simulator's CPU. Here scheduling and cancelling are O(1); one lws timer drives the wheel every
 * TMR_RES_US, and a timer further away than a revolution simply waits for its turn. */
#include "sim.h"

static void
unlink_tmr(struct tmr *t)
{
	t->prev->next = t->next;
	t->next->prev = t->prev;
	t->next = t->prev = NULL;
}

static void
append(struct tmr *head, struct tmr *t)
{
	t->prev = head->prev;
	t->next = head;
	head->prev->next = t;
	head->prev = t;
}

void
tmr_init(struct sim *sim)
{
	for (int i = 0; i < TMR_WHEEL; i++)
		sim->wheel[i].next = sim->wheel[i].prev = &sim->wheel[i];
	sim->wheel_pos = lws_now_usecs() / TMR_RES_US;
}

void
tmr_cancel(struct tmr *t)
{
	if (t->next)
		unlink_tmr(t);
}

int
tmr_armed(const struct tmr *t)
{
	return t->next != NULL;
}

static void
arm(struct sim *sim, struct tmr *t, tmr_cb cb, lws_usec_t due)
{
	lws_usec_t tick = due / TMR_RES_US;

	tmr_cancel(t);
	t->cb = cb;
	t->due = due;
	if (tick < sim->wheel_pos)
		tick = sim->wheel_pos;
	append(&sim->wheel[tick & (TMR_WHEEL - 1)], t);
}

void
tmr_schedule(struct sim *sim, struct tmr *t, tmr_cb cb, lws_usec_t us)
{
	arm(sim, t, cb, lws_now_usecs() + (us > 0 ? us : 0));
}

void
tmr_again(struct sim *sim, struct tmr *t, lws_usec_t period)
{
	lws_usec_t now = lws_now_usecs(), due = t->due + period;

	if (due <= now)   /* a whole period late: the next one in step */
		due += ((now - due) / period + 1) * period;
	arm(sim, t, t->cb, due);
}

/* Fires what is due in every tick that has passed. */
void
tmr_run(struct sim *sim)
{
	lws_usec_t now = lws_now_usecs(), target = now / TMR_RES_US;

	while (sim->wheel_pos < target) {
		struct tmr *slot = &sim->wheel[sim->wheel_pos & (TMR_WHEEL - 1)];
		struct tmr keep = { &keep, &keep, 0, NULL };

		for (;;) {
			struct tmr list = { &list, &list, 0, NULL };
			int fired = 0;

			if (slot->next == slot)
				break;
			/* take the slot's entries: what the callbacks add meanwhile lands in the slot */
			list.next = slot->next;
			list.prev = slot->prev;
			list.next->prev = &list;
			list.prev->next = &list;
			slot->next = slot->prev = slot;
			while (list.next != &list) {
				struct tmr *t = list.next;
				unlink_tmr(t);
				if (t->due <= now) {
					fired = 1;
					t->cb(t);
				} else {
					append(&keep, t);   /* a later revolution */
				}
			}
			if (!fired)
				break;
		}
		while (keep.next != &keep) {
			struct tmr *t = keep.next;
			unlink_tmr(t);
			append(slot, t);
		}
		sim->wheel_pos++;
	}
}
