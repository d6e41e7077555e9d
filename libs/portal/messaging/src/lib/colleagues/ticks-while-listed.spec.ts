import { signal } from '@angular/core';
import { StaffMember } from '@derm/shared/contracts';
import { ticksWhileListed } from './ticks-while-listed';

const ana: StaffMember = { id: 'a', name: 'Dr. Ana Ortiz', role: 'provider' };
const felix: StaffMember = { id: 'f', name: 'Felix Park', role: 'front-desk' };
const nora: StaffMember = { id: 'n', name: 'Nora Quinn', role: 'nurse' };

describe('ticksWhileListed', () => {
  it('unticks a colleague who leaves the list and keeps the others', () => {
    const listed = signal<readonly StaffMember[]>([ana, felix, nora]);
    const ticks = ticksWhileListed(listed);
    ticks.set(new Set(['f', 'n']));
    listed.set([ana, felix]);
    expect([...ticks()]).toEqual(['f']);
  });

  it('does not tick a colleague again who comes back', () => {
    const listed = signal<readonly StaffMember[]>([ana, nora]);
    const ticks = ticksWhileListed(listed);
    ticks.set(new Set(['n']));
    listed.set([ana]);
    expect([...ticks()]).toEqual([]); // read, as the rendered form does after each change
    listed.set([ana, nora]);
    expect([...ticks()]).toEqual([]);
  });

  it('keeps the starting tick while the list is still loading, and starts again when it changes', () => {
    const listed = signal<readonly StaffMember[]>([]);
    const startWith = signal<ReadonlySet<string>>(new Set(['f']));
    const ticks = ticksWhileListed(listed, startWith);
    expect([...ticks()]).toEqual(['f']);
    listed.set([ana, felix, nora]);
    expect([...ticks()]).toEqual(['f']);
    ticks.set(new Set(['f', 'a']));
    startWith.set(new Set(['n']));
    expect([...ticks()]).toEqual(['n']);
  });
});
