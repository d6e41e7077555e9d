import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AuthSession, ClinicClock } from '@derm/portal/core';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationInbox } from '../data/notification-inbox.service';
import { ACK_GUARD_MS, UrgentAlertModalComponent } from './urgent-alert-modal.component';

const alert = (id: string, title: string, body?: string): NotificationView => ({
  id,
  kind: 'urgent-alert',
  title,
  ...(body ? { body } : {}),
  priority: 'urgent',
  createdAt: '2026-12-05T09:00:00.000Z',
  requiresAck: true,
  sender: { id: 's1', name: 'Ana Ortiz', role: 'provider' },
});

describe('UrgentAlertModalComponent', () => {
  const awaitingAck = signal<NotificationView[]>([]);
  let answer: (done: boolean) => void;
  let acknowledge: jest.Mock<Promise<boolean>, [string]>;
  let fixture: ComponentFixture<UrgentAlertModalComponent>;
  const host = () => fixture.nativeElement as HTMLElement;
  const render = () => fixture.detectChanges();
  /** Lets the acknowledgement's answer reach the component, then renders. */
  const settle = async () => {
    await Promise.resolve();
    await Promise.resolve();
    render();
  };
  const text = () => host().textContent ?? '';
  const dialog = () => host().querySelector<HTMLDialogElement>('dialog');
  const ackButton = () => host().querySelector<HTMLButtonElement>('[data-testid="urgent-alert-ack"]');
  /** The text of the elements an attribute of the dialog refers to, as a screen reader reads them. */
  const referenced = (attribute: string) =>
    (dialog()?.getAttribute(attribute) ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim() ?? `(no #${id})`)
      .join(' | ');
  /** Past the moment in which Acknowledge cannot act. */
  const pastGuard = () => {
    jest.advanceTimersByTime(ACK_GUARD_MS);
    render();
  };

  beforeAll(() => {
    // jsdom has no modal dialogs.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.open = true;
    };
  });

  beforeEach(() => {
    jest.useFakeTimers();
    awaitingAck.set([alert('a1', 'Room 3 needs you', 'Bring the crash cart'), alert('a2', 'Call the lab')]);
    acknowledge = jest.fn((_id: string) => new Promise<boolean>((resolve) => (answer = resolve)));
    TestBed.configureTestingModule({
      providers: [
        { provide: ClinicClock, useValue: { timeZone: signal('UTC'), today: signal('2026-12-05') } },
        { provide: AuthSession, useValue: { logout: jest.fn() } },
        {
          provide: NotificationInbox,
          useValue: { awaitingAck, acksWaiting: signal(new Set<string>()), acknowledge },
        },
      ],
    });
    fixture = TestBed.createComponent(UrgentAlertModalComponent);
    document.body.appendChild(host());
    render();
  });

  afterEach(() => {
    host().remove();
    jest.useRealTimers();
  });

  it("keeps the alert on screen as others arrive, then shows another colleague's before one colleague's many", () => {
    const fromNurse = (id: string): NotificationView => ({
      ...alert(id, `Flood ${id}`),
      sender: { id: 's2', name: 'Nora Quinn', role: 'nurse' },
    });
    const flood = ['n1', 'n2', 'n3', 'n4'].map(fromNurse);
    awaitingAck.set(flood);
    render();
    expect(dialog()?.getAttribute('data-notification-id')).toBe('n1');

    awaitingAck.set([...flood, alert('real', 'Room 3: code blue')]);
    render();
    expect(dialog()?.getAttribute('data-notification-id')).toBe('n1');
    expect(text()).toContain('4 more waiting');

    // n1 acknowledged (here or elsewhere): the other colleague's alert comes next, not n2.
    awaitingAck.set([...flood.slice(1), alert('real', 'Room 3: code blue')]);
    render();
    expect(dialog()?.getAttribute('data-notification-id')).toBe('real');
    expect(text()).toContain('Room 3: code blue');
  });

  it('does not say under the next alert that acknowledging the one before failed', async () => {
    pastGuard();
    ackButton()?.click();
    answer(false);
    await settle();
    expect(text()).toContain('Could not acknowledge');

    // Acknowledged on another tab: the next one has not been tried here.
    awaitingAck.set([alert('a2', 'Call the lab')]);
    render();
    expect(text()).toContain('Call the lab');
    expect(text()).not.toContain('Could not acknowledge');
  });

  it('leaves the next alert ready while an acknowledgement of the one before is on its way, and says nothing of its outcome', async () => {
    pastGuard();
    ackButton()?.click();
    render();
    expect(ackButton()?.disabled).toBe(true);

    awaitingAck.set([alert('a2', 'Call the lab')]);
    render();
    expect(ackButton()?.disabled).toBe(false);
    expect(ackButton()?.textContent?.trim()).toBe('Acknowledge');
    answer(false);
    await settle();
    expect(text()).not.toContain('Could not acknowledge');
  });

  it('shows an alert as an alert dialog named by its title and described by its details and how many more wait', () => {
    expect(dialog()?.getAttribute('role')).toBe('alertdialog');
    expect(referenced('aria-labelledby')).toBe('Room 3 needs you');
    expect(referenced('aria-describedby')).toBe('From Ana Ortiz · Provider | Bring the crash cart | 1 more waiting');
    expect(document.activeElement).toBe(ackButton());
  });

  it('shows the next alert as a new dialog, announced with its own title and details, with the focus on its Acknowledge', async () => {
    const first = dialog();
    const firstAck = ackButton();
    pastGuard();
    firstAck?.click();
    answer(true);
    awaitingAck.set([alert('a2', 'Call the lab')]);
    await settle();

    expect(dialog()).not.toBe(first);
    expect(first?.isConnected).toBe(false);
    expect(host().querySelectorAll('dialog')).toHaveLength(1);
    expect(dialog()?.open).toBe(true);
    expect(referenced('aria-labelledby')).toBe('Call the lab');
    expect(referenced('aria-describedby')).toBe('From Ana Ortiz · Provider');
    expect(ackButton()).not.toBe(firstAck);
    expect(document.activeElement).toBe(ackButton());
  });

  it('lets Acknowledge act only a moment after each alert is shown, so that a keystroke under way does not acknowledge it unread', async () => {
    expect(ackButton()?.getAttribute('aria-disabled')).toBe('true');
    expect(ackButton()?.textContent?.trim()).toBe('Acknowledge');
    ackButton()?.click();
    jest.advanceTimersByTime(ACK_GUARD_MS - 1);
    render();
    ackButton()?.click();
    expect(acknowledge).not.toHaveBeenCalled();
    expect(ackButton()?.getAttribute('aria-disabled')).toBe('true');

    jest.advanceTimersByTime(1);
    render();
    expect(ackButton()?.hasAttribute('aria-disabled')).toBe(false);
    ackButton()?.click();
    expect(acknowledge).toHaveBeenCalledTimes(1);
    expect(acknowledge).toHaveBeenLastCalledWith('a1');

    answer(true);
    awaitingAck.set([alert('a2', 'Call the lab')]);
    await settle();
    // The same Enter pressed twice does not acknowledge the next alert either.
    ackButton()?.click();
    expect(acknowledge).toHaveBeenCalledTimes(1);
    expect(ackButton()?.getAttribute('aria-disabled')).toBe('true');
    pastGuard();
    ackButton()?.click();
    expect(acknowledge).toHaveBeenCalledTimes(2);
    expect(acknowledge).toHaveBeenLastCalledWith('a2');
  });

  it('gives the focus back to what had it once the last alert is acknowledged', async () => {
    fixture.destroy();
    const typing = document.createElement('textarea');
    document.body.appendChild(typing);
    awaitingAck.set([]);
    fixture = TestBed.createComponent(UrgentAlertModalComponent);
    document.body.appendChild(host());
    render();
    typing.focus();

    awaitingAck.set([alert('a1', 'Room 3 needs you')]);
    render();
    expect(document.activeElement).toBe(ackButton());
    pastGuard();
    ackButton()?.click();
    answer(true);
    awaitingAck.set([]);
    await settle();
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(typing);
    typing.remove();
  });
});
