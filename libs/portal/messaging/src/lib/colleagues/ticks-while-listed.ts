import { linkedSignal, signal, Signal, WritableSignal } from '@angular/core';
import { StaffMember } from '@derm/shared/contracts';

const NO_TICKS = signal<ReadonlySet<string>>(new Set()).asReadonly();

/**
 * The colleagues ticked in a checklist, which keep their tick only while they are listed: one who
 * leaves the list (deactivated, or added to the conversation meanwhile) is no longer chosen, so a
 * send holds only the people the form shows. Ticks start from `initial` and again whenever it
 * changes (a signal, such as a `computed`, so that an equal set is the same one); a list that
 * fills in (loading) takes no tick away.
 */
export function ticksWhileListed(
  listed: Signal<readonly StaffMember[]>,
  initial: Signal<ReadonlySet<string>> = NO_TICKS,
): WritableSignal<ReadonlySet<string>> {
  return linkedSignal<{ listed: readonly StaffMember[]; initial: ReadonlySet<string> }, ReadonlySet<string>>({
    source: () => ({ listed: listed(), initial: initial() }),
    computation: (now, before) => {
      if (!before || before.source.initial !== now.initial) return now.initial;
      const still = new Set(now.listed.map((member) => member.id));
      const left = new Set(before.source.listed.map((member) => member.id).filter((id) => !still.has(id)));
      return left.size ? new Set([...before.value].filter((id) => !left.has(id))) : before.value;
    },
  });
}
