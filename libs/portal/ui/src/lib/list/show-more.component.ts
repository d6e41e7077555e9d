import { ChangeDetectionStrategy, Component, input, Signal } from '@angular/core';

/** The pages after those a list shows, as the button below it sees them. */
export interface ShowMorePages {
  /** There is a page after those shown. */
  readonly available: Signal<boolean>;
  readonly loading: Signal<boolean>;
  /** The last request for the next page failed. */
  readonly failed: Signal<boolean>;
  show(): unknown;
}

/**
 * The button under a paged list that asks for its next page while there is one, and what it says
 * while it does or when it could not.
 */
@Component({
  selector: 'derm-show-more',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[hidden]': '!pages().available()' },
  template: `
    @if (pages().available()) {
      <button
        type="button"
        class="secondary"
        [attr.data-testid]="testId()"
        [disabled]="pages().loading()"
        (click)="pages().show()"
      >
        {{ pages().loading() ? 'Loading…' : label() }}
      </button>
      @if (pages().failed()) {
        <span class="failed" role="alert" [attr.data-testid]="testId() + '-error'"
          >Could not load more. Try again.</span
        >
      }
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
    :host([hidden]) {
      display: none;
    }
    .failed {
      color: #991b1b;
      font-size: 0.85rem;
    }
  `,
})
export class ShowMoreComponent {
  readonly pages = input.required<ShowMorePages>();
  readonly label = input.required<string>();
  readonly testId = input.required<string>();
}
