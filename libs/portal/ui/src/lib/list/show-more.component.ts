import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** The button under a paged list that asks for its next page, and what it says while it does. */
@Component({
  selector: 'derm-show-more',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="secondary"
      [attr.data-testid]="testId()"
      [disabled]="loading()"
      (click)="requested.emit()"
    >
      {{ loading() ? 'Loading…' : label() }}
    </button>
    @if (failed()) {
      <span class="failed" role="alert" [attr.data-testid]="testId() + '-error'">Could not load more. Try again.</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.75rem;
      padding: 0.75rem 1rem;
      border-top: 1px solid #e2e8f0;
    }
    .failed {
      color: #991b1b;
      font-size: 0.85rem;
    }
  `,
})
export class ShowMoreComponent {
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
  readonly loading = input(false);
  readonly failed = input(false);
  readonly requested = output<void>();
}
