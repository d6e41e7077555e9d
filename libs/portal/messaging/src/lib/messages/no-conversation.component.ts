import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'derm-no-conversation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p data-testid="no-conversation">Choose a conversation, or start a new one.</p>`,
  styles: `
    p {
      margin: 0;
      padding: 3rem 1rem;
      text-align: center;
      color: var(--derm-muted);
    }
  `,
})
export class NoConversationComponent {}
