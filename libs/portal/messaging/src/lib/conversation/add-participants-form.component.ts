import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { Colleagues, describeFailure } from '@derm/portal/core';
import { ThreadSummary } from '@derm/shared/contracts';
import { ColleagueChecklistComponent } from '../colleagues/colleague-checklist.component';
import { ticksWhileListed } from '../colleagues/ticks-while-listed';
import { MessagingApi } from '../data/messaging-api.service';

/** Adds colleagues of the clinic who are not in it yet to an open conversation. */
@Component({
  selector: 'derm-add-participants-form',
  imports: [ColleagueChecklistComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (submit)="$event.preventDefault(); submit()" data-testid="add-participants-form" novalidate>
      <derm-colleague-checklist
        legend="Add to this conversation"
        testId="add-participant"
        noneLabel="Everyone in the clinic is in it already."
        [colleagues]="outside()"
        [(selected)]="selected"
      />
      @if (error(); as message) {
        <p class="form-error" role="alert" data-testid="add-participants-error">{{ message }}</p>
      }
      <div class="actions">
        <button type="button" class="secondary" (click)="cancelled.emit()">Cancel</button>
        <button type="submit" data-testid="add-participants-submit" [disabled]="pending()">
          {{ pending() ? 'Adding…' : 'Add' }}
        </button>
      </div>
    </form>
  `,
  styles: `
    form {
      display: grid;
      gap: 0.5rem;
      padding: 0.75rem;
      border: 1px solid #e2e8f0;
      border-radius: 8px;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
    }
  `,
})
export class AddParticipantsFormComponent {
  private readonly api = inject(MessagingApi);

  readonly thread = input.required<ThreadSummary>();
  readonly added = output<ThreadSummary>();
  readonly cancelled = output<void>();

  private readonly staff = inject(Colleagues).all;
  /** The clinic's staff not in the thread (the signed-in person is in it). */
  protected readonly outside = computed(() => {
    const inIt = new Set(this.thread().participants.map((participant) => participant.id));
    return this.staff().filter((member) => !inIt.has(member.id));
  });
  protected readonly selected = ticksWhileListed(this.outside);
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    if (this.pending()) return;
    if (this.selected().size === 0) {
      this.error.set('Choose at least one colleague.');
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.api.addParticipants(this.thread().id, [...this.selected()]).subscribe({
      next: (thread) => {
        this.pending.set(false);
        this.selected.set(new Set());
        this.added.emit(thread);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(
          describeFailure(error, 'add them', {
            403: 'you are not in this conversation any more.',
            404: 'someone chosen is no longer on the clinic’s staff.',
          }),
        );
      },
    });
  }
}
