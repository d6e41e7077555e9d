import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  untracked,
} from '@angular/core';
import { MaxCharactersDirective, ShownAsWrittenDirective, ShownAsWrittenNoteComponent } from '@derm/portal/ui';
import { MESSAGE_BODY_MAX_LENGTH } from '@derm/shared/contracts';
import { MessageDrafts } from '../data/message-drafts.service';
import { MessagingEvents } from '../data/messaging-events.service';

/** At most one typing:start per this many ms while typing; the server lapses it after a few seconds. */
export const TYPING_SIGNAL_INTERVAL_MS = 2000;

/**
 * Writes and sends a message. Tells the thread the person is typing, throttled rather than per
 * keystroke, and that they stopped when they send, empty the box, leave it or the thread. What is
 * written is each thread's draft (`MessageDrafts`): another thread shows its own, and this one's
 * is back on return; whoever sends it discards it.
 */
@Component({
  selector: 'derm-composer',
  imports: [MaxCharactersDirective, ShownAsWrittenDirective, ShownAsWrittenNoteComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="composer" data-testid="composer" (submit)="$event.preventDefault(); submit()">
      <label class="visually-hidden" for="composer-input">Message</label>
      <textarea
        #box
        #boxShown="dermShownAsWritten"
        #boxLimit="dermMaxCharacters"
        id="composer-input"
        dir="auto"
        rows="2"
        placeholder="Write a message…  (Enter to send, Shift+Enter for a new line)"
        data-testid="composer-input"
        dermShownAsWritten
        [dermMaxCharacters]="maxLength"
        [value]="draft()"
        (input)="typed(box.value)"
        (keydown)="keydown($event)"
        (blur)="stopTyping()"
      ></textarea>
      <button type="submit" data-testid="composer-send" [disabled]="!canSend()">
        {{ sending() ? 'Sending…' : 'Send' }}
      </button>
    </form>
    <derm-shown-as-written-note [field]="boxShown" [limit]="boxLimit" data-testid="composer-note" />
  `,
  styles: `
    .composer {
      display: flex;
      gap: 0.5rem;
      align-items: flex-end;
    }
    textarea {
      flex: 1;
      resize: vertical;
      min-height: 2.75rem;
      font: inherit;
      font-size: 0.9rem;
      padding: 0.5rem 0.65rem;
      border: 1px solid #cbd5e1;
      border-radius: 6px;
    }
  `,
})
export class ComposerComponent {
  private readonly events = inject(MessagingEvents);
  private readonly drafts = inject(MessageDrafts);
  /** The thread a typing:start was last sent for, and when; null when not typing. */
  private typing: { threadId: string; since: number } | null = null;

  readonly threadId = input.required<string>();
  /** A message of this thread is on its way, or waits for the thread's lines: Send takes no second press. */
  readonly sending = input(false);
  readonly send = output<string>();

  protected readonly maxLength = MESSAGE_BODY_MAX_LENGTH;
  protected readonly draft = computed(() => this.drafts.of(this.threadId()));
  protected readonly canSend = computed(() => !this.sending() && this.draft().trim().length > 0);

  constructor() {
    effect(() => {
      this.threadId();
      untracked(() => this.stopTyping());
    });
    inject(DestroyRef).onDestroy(() => this.stopTyping());
  }

  protected typed(value: string): void {
    this.drafts.keep(this.threadId(), value);
    if (!value.trim()) {
      this.stopTyping();
      return;
    }
    const now = Date.now();
    if (this.typing && now - this.typing.since < TYPING_SIGNAL_INTERVAL_MS) return;
    this.typing = { threadId: this.threadId(), since: now };
    this.events.startTyping(this.typing.threadId);
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.submit();
  }

  protected submit(): void {
    if (!this.canSend()) return;
    this.stopTyping();
    this.send.emit(this.draft().trim());
  }

  protected stopTyping(): void {
    if (!this.typing) return;
    this.events.stopTyping(this.typing.threadId);
    this.typing = null;
  }
}
