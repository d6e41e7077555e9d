import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  viewChildren,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { AuthSession, describeFailure, ROLE_MAY_NOT } from '@derm/portal/core';
import {
  maxCharacters,
  MaxCharactersDirective,
  refuseMissing,
  RequiredFieldDirective,
  ShownAsWrittenDirective,
  ShownAsWrittenNoteComponent,
} from '@derm/portal/ui';
import { RoleLabelPipe } from '@derm/portal/util';
import {
  AlertRecipients,
  AlertSummary,
  NOTIFICATION_BODY_MAX_LENGTH,
  NOTIFICATION_TITLE_MAX_LENGTH,
  Permission,
  roleMay,
  STAFF_ROLES,
  StaffMember,
} from '@derm/shared/contracts';
import { AlertsApi } from '../data/alerts-api.service';

type Target = 'person' | 'role' | 'everyone';

/** Sends an urgent alert to a colleague, everyone of a role, or the whole clinic. */
@Component({
  selector: 'derm-send-alert-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MaxCharactersDirective,
    ReactiveFormsModule,
    RequiredFieldDirective,
    RoleLabelPipe,
    ShownAsWrittenDirective,
    ShownAsWrittenNoteComponent,
  ],
  templateUrl: './send-alert-form.component.html',
  styleUrl: './send-alert-form.component.css',
})
export class SendAlertFormComponent {
  private readonly api = inject(AlertsApi);
  private readonly session = inject(AuthSession);

  /** Colleagues who may receive it (not the sender). */
  readonly colleagues = input.required<readonly StaffMember[]>();
  readonly sent = output<AlertSummary>();

  private readonly required = viewChildren(RequiredFieldDirective);

  protected readonly roles = STAFF_ROLES;
  protected readonly titleMaxLength = NOTIFICATION_TITLE_MAX_LENGTH;
  protected readonly bodyMaxLength = NOTIFICATION_BODY_MAX_LENGTH;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, maxCharacters(NOTIFICATION_TITLE_MAX_LENGTH)]],
    body: ['', maxCharacters(NOTIFICATION_BODY_MAX_LENGTH)],
    target: ['person' as Target],
    userId: [''],
    role: ['nurse' as (typeof STAFF_ROLES)[number]],
  });
  private readonly target = toSignal(this.form.controls.target.valueChanges, {
    initialValue: this.form.controls.target.value,
  });
  protected readonly toPerson = computed(() => this.target() === 'person');
  protected readonly toRole = computed(() => this.target() === 'role');
  /** Offers only what the server's permission matrix lets this role send (it refuses the rest anyway). */
  protected readonly mayAlertRole = computed(() => this.may('alert:send-to-role'));
  protected readonly mayAlertEveryone = computed(() => this.may('alert:send-to-everyone'));

  constructor() {
    // The sender's role changed while the form is open: what it may no longer send is not kept chosen.
    effect(() => {
      const target = this.target();
      if ((target === 'role' && !this.mayAlertRole()) || (target === 'everyone' && !this.mayAlertEveryone())) {
        this.form.controls.target.setValue('person');
      }
    });
    // A colleague chosen and then deactivated leaves the list: they are no longer chosen either.
    effect(() => {
      const listed = new Set(this.colleagues().map((member) => member.id));
      const chosen = this.form.controls.userId;
      if (chosen.value && !listed.has(chosen.value)) chosen.setValue('');
    });
  }

  private may(permission: Permission): boolean {
    const role = this.session.user()?.role;
    return !!role && roleMay(role, permission);
  }

  protected submit(): void {
    if (this.pending()) return;
    const { title, body, target, userId, role } = this.form.getRawValue();
    // The colleague is asked for only while the alert goes to one.
    const missing = refuseMissing(this.required(), 'send-alert-error');
    if (missing || this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set(missing);
      return;
    }
    const to: AlertRecipients =
      target === 'person' ? { userIds: [userId] } : target === 'role' ? { role } : { everyone: true };
    this.pending.set(true);
    this.error.set(null);
    this.api.send({ title: title.trim(), ...(body.trim() ? { body: body.trim() } : {}), to }).subscribe({
      next: (alert) => {
        this.pending.set(false);
        this.form.reset({ target, userId, role });
        this.sent.emit(alert);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(describeFailure(error, 'send the alert', ROLE_MAY_NOT));
      },
    });
  }
}
