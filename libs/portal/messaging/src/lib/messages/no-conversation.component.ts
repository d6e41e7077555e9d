import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { leftConversationIn, withoutLeftConversation } from '../conversation/left-conversation';

@Component({
  selector: 'derm-no-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (left !== null) {
      <p class="left" role="status" data-testid="left-conversation">
        You left {{ left ? '“' + left + '”' : 'the conversation' }}. Its messages no longer reach you.
      </p>
    }
    <p data-testid="no-conversation">Choose a conversation, or start a new one.</p>
  `,
  styles: `
    p {
      margin: 0;
      padding: 3rem 1rem;
      text-align: center;
      color: var(--derm-muted);
    }
    .left {
      padding-bottom: 0;
      color: inherit;
    }
  `,
})
export class NoConversationComponent {
  private readonly location = inject(Location);
  /** Arrived here by leaving a conversation: its subject, said once. */
  protected readonly left = leftConversationIn(this.location.getState());

  constructor() {
    // The router's own entries in the state stay; only the notice goes.
    if (this.left !== null) {
      this.location.replaceState(this.location.path(), '', withoutLeftConversation(this.location.getState()));
    }
  }
}
