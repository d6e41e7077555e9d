import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { AuthSession, Colleagues, describeFailure } from '@derm/portal/core';
import { PatientPickerComponent } from '@derm/portal/patients';
import { MaxCharactersDirective, ShownAsWrittenDirective, ShownAsWrittenNoteComponent } from '@derm/portal/ui';
import { THREAD_SUBJECT_MAX_LENGTH, ThreadSummary } from '@derm/shared/contracts';
import { ColleagueChecklistComponent } from '../colleagues/colleague-checklist.component';
import { ticksWhileListed } from '../colleagues/ticks-while-listed';
import { MessagingApi } from '../data/messaging-api.service';

/** Starts a conversation with colleagues of the clinic, optionally about a patient (found by name or MRN). */
@Component({
  selector: 'derm-new-thread-form',
  imports: [
    ColleagueChecklistComponent,
    MaxCharactersDirective,
    PatientPickerComponent,
    ReactiveFormsModule,
    ShownAsWrittenDirective,
    ShownAsWrittenNoteComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './new-thread-form.component.html',
  styleUrl: './new-thread-form.component.css',
})
export class NewThreadFormComponent {
  private readonly api = inject(MessagingApi);
  private readonly session = inject(AuthSession);

  /** A colleague to start with, already ticked. */
  readonly startWith = input<string | null>(null);
  /** A patient the conversation is about, already chosen (e.g. from the patient's chart). */
  readonly aboutPatient = input<string | null>(null);
  readonly created = output<ThreadSummary>();
  readonly cancelled = output<void>();

  private readonly staff = inject(Colleagues);
  protected readonly subjectMaxLength = THREAD_SUBJECT_MAX_LENGTH;
  protected readonly colleagues = this.staff.others;
  protected readonly selected = ticksWhileListed(
    this.colleagues,
    computed(() => {
      const first = this.startWith();
      return new Set(first ? [first] : []);
    }),
  );
  /** The colleague to start with is not on the list (deactivated before it loaded): not chosen, and said so. */
  protected readonly startWithUnlisted = computed(() => {
    const first = this.startWith();
    return !!first && !this.staff.loading() && !this.colleagues().some((member) => member.id === first);
  });
  /** Who a send names: the ticks the form shows, never one for someone it does not list. */
  private readonly chosen = computed(() => {
    const listed = new Set(this.colleagues().map((member) => member.id));
    return [...this.selected()].filter((id) => listed.has(id));
  });
  protected readonly subject = signal('');
  protected readonly patient = new FormControl('', { nonNullable: true });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => this.patient.setValue(this.aboutPatient() ?? ''));
  }

  protected submit(): void {
    if (this.chosen().length === 0 || this.pending()) {
      this.error.set('Choose at least one colleague.');
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    const subject = this.subject().trim();
    this.api
      .createThread({
        participantIds: this.chosen(),
        ...(subject ? { subject } : {}),
        ...(this.patient.value ? { patientId: this.patient.value } : {}),
      })
      .subscribe({
        next: (thread) => {
          this.pending.set(false);
          this.created.emit(thread);
        },
        error: (error: unknown) => {
          this.pending.set(false);
          this.error.set(describeFailure(error, 'start the conversation'));
        },
      });
  }
}
