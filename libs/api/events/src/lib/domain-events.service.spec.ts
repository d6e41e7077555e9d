import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DomainEvents } from './domain-events.service';
import { DomainEventsModule } from './domain-events.module';
import { OnDomainEvent } from './on-domain-event.decorator';
import { TenantEvent } from './tenant-event';

class PatientAdmitted extends TenantEvent {
  constructor(
    tenantId: string,
    readonly patientId: string,
  ) {
    super(tenantId);
  }
}

class PatientDischarged extends TenantEvent {
  constructor(
    tenantId: string,
    readonly dischargedAt: Date,
  ) {
    super(tenantId);
  }
}

@Injectable()
class Ward {
  readonly admitted: PatientAdmitted[] = [];
  readonly discharged: PatientDischarged[] = [];

  @OnDomainEvent(PatientAdmitted)
  admit(event: PatientAdmitted): void {
    this.admitted.push(event);
  }

  @OnDomainEvent(PatientDischarged)
  discharge(event: PatientDischarged): void {
    this.discharged.push(event);
  }
}

describe('DomainEvents', () => {
  let events: DomainEvents;
  let ward: Ward;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [DomainEventsModule],
      providers: [Ward],
    }).compile();
    await moduleRef.init();
    events = moduleRef.get(DomainEvents);
    ward = moduleRef.get(Ward);
  });

  it('delivers each event to the listeners of its class only', () => {
    events.publish(new PatientAdmitted('t1', 'p1'));
    expect(ward.admitted).toEqual([expect.objectContaining({ tenantId: 't1', patientId: 'p1' })]);
    expect(ward.discharged).toEqual([]);
  });

  it('holds what a unit of work publishes until it is done', async () => {
    await events.heldUntilDone(async () => {
      events.publish(new PatientAdmitted('t1', 'p1'));
      await Promise.resolve();
      expect(ward.admitted).toEqual([]);
    });
    expect(ward.admitted.map((event) => event.patientId)).toEqual(['p1']);
  });

  it('drops what a failed unit of work published, nested units included', async () => {
    const failing = events.heldUntilDone(async () => {
      await events.heldUntilDone(async () => events.publish(new PatientAdmitted('t1', 'inner')));
      events.publish(new PatientDischarged('t1', new Date()));
      throw new Error('the write failed');
    });
    await expect(failing).rejects.toThrow('the write failed');
    expect(ward.admitted).toEqual([]);
    expect(ward.discharged).toEqual([]);
  });

  it('keeps concurrent units of work apart', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = events.heldUntilDone(async () => {
      events.publish(new PatientAdmitted('t1', 'slow'));
      await gate;
    });
    await events.heldUntilDone(async () => events.publish(new PatientAdmitted('t1', 'fast')));
    expect(ward.admitted.map((event) => event.patientId)).toEqual(['fast']);
    release();
    await slow;
    expect(ward.admitted.map((event) => event.patientId)).toEqual(['fast', 'slow']);
  });
});

/** Checked by the compiler (`tsc -p libs/api/events/tsconfig.spec.json`), not at run time. */
export class MismatchedListener {
  // @ts-expect-error a listener of PatientAdmitted cannot expect PatientDischarged's fields
  @OnDomainEvent(PatientAdmitted)
  discharge(event: PatientDischarged): Date {
    return event.dischargedAt;
  }
}
