import { computed, effect, inject, type Signal, signal, untracked } from '@angular/core';
import { PageVisibility } from '@derm/portal/core';
import { AppointmentSummary } from '@derm/shared/contracts';

/** Timers wait at most this long: a day shown weeks ahead has its first start beyond `setTimeout`'s range. */
const LONGEST_WAIT_MS = 24 * 60 * 60 * 1000;

/**
 * The ids of the listed appointments whose start has come, by this browser's clock. It moves on at
 * each next start while the page is open, so a no-show is offered from the minute the visit was due,
 * not before (the API refuses it then). Call in an injection context.
 */
export function startedAppointments(appointments: Signal<readonly AppointmentSummary[]>): Signal<ReadonlySet<string>> {
  const visibility = inject(PageVisibility);
  const now = signal(Date.now());

  effect((onCleanup) => {
    // A background tab's timers are throttled and a sleeping device's run late: a tab back on
    // screen looks at the clock again.
    if (visibility.visible()) untracked(() => now.set(Date.now()));
    const from = now();
    const next = Math.min(
      ...appointments()
        .map((appointment) => Date.parse(appointment.startsAt))
        .filter((start) => start > from),
    );
    if (!Number.isFinite(next)) return;
    // A timer that fires early sets a time before `next`, and this effect waits the rest.
    const timer = setTimeout(() => now.set(Date.now()), Math.min(next - from, LONGEST_WAIT_MS));
    onCleanup(() => clearTimeout(timer));
  });

  return computed(() => {
    const at = now();
    return new Set(
      appointments()
        .filter((appointment) => Date.parse(appointment.startsAt) <= at)
        .map((appointment) => appointment.id),
    );
  });
}
