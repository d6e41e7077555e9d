import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

/**
 * A button for something hard to undo that asks first: pressed, it turns into the question with
 * the action and "Keep" beside it, and the keyboard lands on "Keep", so a second Enter never
 * confirms by accident. `confirmed` fires on the yes; "Keep" puts the button back, and the
 * keyboard with it.
 */
@Component({
  selector: 'derm-confirm-action',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (asking()) {
      <span class="confirm" role="group" [attr.aria-label]="question()">
        <span>{{ question() }}</span>
        <button type="button" class="danger" [attr.data-testid]="confirmTestId()" (click)="confirm()">
          {{ action() }}
        </button>
        <button #keep type="button" class="secondary" (click)="asking.set(false)">Keep</button>
      </span>
    } @else {
      <button
        #trigger
        type="button"
        class="secondary"
        [attr.data-testid]="testId()"
        [disabled]="disabled()"
        (click)="asking.set(true)"
      >
        {{ action() }}…
      </button>
    }
  `,
  styles: `
    :host,
    .confirm {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class ConfirmActionComponent {
  /** What the button does, a verb: "Deactivate", "Leave". */
  readonly action = input.required<string>();
  /** What is asked before it is done: "Deactivate Nora Quinn?". */
  readonly question = input.required<string>();
  readonly disabled = input(false);
  readonly testId = input<string>();
  readonly confirmTestId = input<string>();
  readonly confirmed = output<void>();

  protected readonly asking = signal(false);
  private readonly keep = viewChild<ElementRef<HTMLButtonElement>>('keep');
  private readonly trigger = viewChild<ElementRef<HTMLButtonElement>>('trigger');
  /** The question had the keyboard: the button it turns back into takes it again. */
  private focusBack = false;

  constructor() {
    effect(() => {
      const keep = this.keep()?.nativeElement;
      const trigger = this.trigger()?.nativeElement;
      if (keep) {
        keep.focus();
        this.focusBack = true;
      } else if (trigger && this.focusBack) {
        trigger.focus();
        this.focusBack = false;
      }
    });
  }

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
  }
}
