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
import { NotificationInbox } from '../data/notification-inbox.service';
import { AuthSession, ClinicTimePipe } from '@derm/portal/core';
import { RoleLabelPipe } from '@derm/portal/util';

/**
 * An urgent alert waiting for this person's acknowledgement, over whatever page is open. It cannot
 * be dismissed: it closes when acknowledged here or on another tab, then shows the next one, ready
 * (what an acknowledgement of the one before is doing, or failed to do, is not said under it). It
 * offers Sign out, which leaves the alert waiting: on a shared computer the next person must be
 * able to sign the previous one out without acknowledging in their name.
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
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly ackButton = viewChild<ElementRef<HTMLButtonElement>>('ack');

  protected readonly current = computed(() => this.inbox.awaitingAck()[0] ?? null);
  private readonly currentId = computed(() => this.current()?.id);
  protected readonly more = computed(() => Math.max(0, this.inbox.awaitingAck().length - 1));
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

  constructor() {
    // After rendering, so that Acknowledge exists: the one thing to do gets focus, for each alert.
    afterRenderEffect(() => {
      const dialog = this.dialog().nativeElement;
      if (!this.currentId()) {
        if (dialog.open) dialog.close();
        return;
      }
      if (!dialog.open) dialog.showModal();
      this.ackButton()?.nativeElement.focus();
    });
  }

  protected async acknowledge(id: string): Promise<void> {
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
