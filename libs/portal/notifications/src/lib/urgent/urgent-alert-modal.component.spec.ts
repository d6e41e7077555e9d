import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AuthSession, ClinicClock } from '@derm/portal/core';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationInbox } from '../data/notification-inbox.service';
import { UrgentAlertModalComponent } from './urgent-alert-modal.component';

const alert = (id: string, title: string): NotificationView => ({
  id,
  kind: 'urgent-alert',
  title,
  priority: 'urgent',
  createdAt: '2026-12-05T09:00:00.000Z',
  requiresAck: true,
});

describe('UrgentAlertModalComponent', () => {
  const awaitingAck = signal<NotificationView[]>([]);
  let answer: (done: boolean) => void;
  let fixture: ComponentFixture<UrgentAlertModalComponent>;
  /** Lets the acknowledgement's answer reach the component, then renders. */
  const settle = async () => {
    await Promise.resolve();
    await fixture.whenStable();
  };
  const text = () => (fixture.nativeElement as HTMLElement).textContent ?? '';
  const ackButton = () =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="urgent-alert-ack"]');

  beforeAll(() => {
    // jsdom has no modal dialogs.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
  });

  beforeEach(async () => {
    awaitingAck.set([alert('a1', 'Room 3 needs you'), alert('a2', 'Call the lab')]);
    TestBed.configureTestingModule({
      providers: [
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal('2026-12-05') } },
        { provide: AuthSession, useValue: { logout: jest.fn() } },
        {
          provide: NotificationInbox,
          useValue: {
            awaitingAck,
            acksWaiting: signal(new Set<string>()),
            acknowledge: () => new Promise<boolean>((resolve) => (answer = resolve)),
          },
        },
      ],
    });
    fixture = TestBed.createComponent(UrgentAlertModalComponent);
    await fixture.whenStable();
  });

  it('does not say under the next alert that acknowledging the one before failed', async () => {
    ackButton()?.click();
    answer(false);
    await settle();
    expect(text()).toContain('Could not acknowledge');

    // Acknowledged on another tab: the next one has not been tried here.
    awaitingAck.set([alert('a2', 'Call the lab')]);
    await fixture.whenStable();
    expect(text()).toContain('Call the lab');
    expect(text()).not.toContain('Could not acknowledge');
  });

  it('leaves the next alert ready while an acknowledgement of the one before is on its way, and says nothing of its outcome', async () => {
    ackButton()?.click();
    await fixture.whenStable();
    expect(ackButton()?.disabled).toBe(true);

    awaitingAck.set([alert('a2', 'Call the lab')]);
    await fixture.whenStable();
    expect(ackButton()?.disabled).toBe(false);
    expect(ackButton()?.textContent?.trim()).toBe('Acknowledge');
    answer(false);
    await settle();
    expect(text()).not.toContain('Could not acknowledge');
  });
});
