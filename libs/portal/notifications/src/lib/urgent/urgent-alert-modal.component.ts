import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  linkedSignal,
  signal,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { map, of, switchMap, timer } from 'rxjs';
import { NotificationInbox } from '../data/notification-inbox.service';
import { AuthSession, ClinicTimePipe } from '@derm/portal/core';
import { RoleLabelPipe } from '@derm/portal/util';
import { NotificationView } from '@derm/shared/contracts';
import { nextUrgentAlert } from './urgent-alert-order';

/**
 * How long Acknowledge cannot act after an alert is shown: an alert takes the focus whatever the
 * person was doing, and the Enter of a message being typed, or the second press meant for the
 * alert before, would otherwise acknowledge it before anyone read it.
 */
export const ACK_GUARD_MS = 1_000;

/**
 * An urgent alert waiting for this person's acknowledgement, over whatever page is open. It cannot
 * be dismissed: it closes when acknowledged here or on another tab, then shows the next in turn, ready
 * (what an acknowledgement of the one before is doing, or failed to do, is not said under it), in
 * a dialog of its own, so that a screen reader announces it as new, title and details. It offers
 * Sign out, which leaves the alert waiting: on a shared computer the next person must be able to
 * sign the previous one out without acknowledging in their name.
 */
@Component({
  selector: 'derm-urgent-alert-modal',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, RoleLabelPipe],
  templateUrl: './urgent-alert-modal.component.html',
  styleUrl: './urgent-alert-modal.component.css',
})
export class UrgentAlertModalComponent {
  private readonly inbox = inject(NotificationInbox);
  private readonly session = inject(AuthSession);
  private readonly dialog = viewChild<ElementRef<HTMLDialogElement>>('dialog');
  private readonly ackButton = viewChild<ElementRef<HTMLButtonElement>>('ack');

  /**
   * The alert on screen stays until it is acknowledged (here or on another tab), whatever arrives
   * meanwhile; then the next in turn (`nextUrgentAlert`: one colleague's many never hold back another's).
   */
  protected readonly current = linkedSignal<readonly NotificationView[], NotificationView | null>({
    source: this.inbox.awaitingAck,
    computation: (waiting, previous) => {
      const onScreen = previous?.value;
      return (onScreen && waiting.find((alert) => alert.id === onScreen.id)) || nextUrgentAlert(waiting);
    },
  });
  /** The alert shown, as a list of one at most: each alert gets a dialog of its own. */
  protected readonly shown = computed(() => {
    const alert = this.current();
    return alert ? [alert] : [];
  });
  private readonly currentId = computed(() => this.current()?.id);
  protected readonly more = computed(() => Math.max(0, this.inbox.awaitingAck().length - 1));
  /** What a screen reader reads after the title: who sent it, what it says, how many more wait. */
  protected readonly describedBy = computed(() => {
    const alert = this.current();
    const parts = [
      alert?.sender ? 'urgent-alert-sender' : null,
      alert?.body ? 'urgent-alert-body' : null,
      this.more() ? 'urgent-alert-more' : null,
    ];
    return parts.filter((id) => id !== null).join(' ') || null;
  });
  /** The alert whose Acknowledge may act: the one shown, from ACK_GUARD_MS after it was shown. */
  private readonly armedId = toSignal(
    toObservable(this.currentId).pipe(
      switchMap((id) => (id === undefined ? of(undefined) : timer(ACK_GUARD_MS).pipe(map(() => id)))),
    ),
  );
  protected readonly guarded = computed(() => this.armedId() !== this.currentId());
  /** The alert whose acknowledgement is on its way: the next one shown meanwhile is ready. */
  private readonly pendingFor = signal<string | null>(null);
  protected readonly pending = computed(() => this.pendingFor() !== null && this.pendingFor() === this.currentId());
  /** Acknowledged here while not connected: sent on reconnecting, then the modal closes. */
  protected readonly waiting = computed(() => {
    const alert = this.current();
    return alert !== null && this.inbox.acksWaiting().has(alert.id);
  });
  /** Of the alert shown: the next one (this one acknowledged on another tab) starts without it. */
  protected readonly error = linkedSignal<string | undefined, string | null>({
    source: this.currentId,
    computation: () => null,
  });
  /** What had the focus before the first alert: it gets it back once none is left. */
  private returnFocus: HTMLElement | null = null;

  constructor() {
    // After rendering, so that Acknowledge exists: the one thing to do gets focus, for each alert.
    afterRenderEffect(() => {
      const dialog = this.dialog()?.nativeElement;
      if (!dialog) {
        if (this.returnFocus?.isConnected) this.returnFocus.focus();
        this.returnFocus = null;
        return;
      }
      if (dialog.open) return;
      const previous = dialog.ownerDocument.activeElement;
      if (!this.returnFocus && previous instanceof HTMLElement && previous !== dialog.ownerDocument.body) {
        this.returnFocus = previous;
      }
      dialog.showModal();
      this.ackButton()?.nativeElement.focus();
    });
  }

  protected async acknowledge(id: string): Promise<void> {
    if (this.guarded()) return;
    this.pendingFor.set(id);
    this.error.set(null);
    const done = await this.inbox.acknowledge(id);
    this.pendingFor.update((pending) => (pending === id ? null : pending));
    if (!done && this.currentId() === id) this.error.set('Could not acknowledge: check the connection and try again.');
  }

  /** The alert stays waiting: the server sends it again at the person's next sign-in. */
  protected signOut(): void {
    this.session.logout();
  }

  /** Escape must not dismiss it. */
  protected keepOpen(event: Event): void {
    event.preventDefault();
  }
}
