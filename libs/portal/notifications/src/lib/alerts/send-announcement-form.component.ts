import { ChangeDetectionStrategy, Component, inject, signal, viewChildren } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { describeFailure, ROLE_MAY_NOT } from '@derm/portal/core';
import {
  maxCharacters,
  MaxCharactersDirective,
  refuseMissing,
  RequiredFieldDirective,
  ShownAsWrittenDirective,
  ShownAsWrittenNoteComponent,
} from '@derm/portal/ui';
import { NOTIFICATION_BODY_MAX_LENGTH, NOTIFICATION_TITLE_MAX_LENGTH } from '@derm/shared/contracts';
import { AnnouncementsApi } from '../data/announcements-api.service';

/** An admin's note to the whole clinic: everyone's bell, no acknowledgement needed. */
@Component({
  selector: 'derm-send-announcement-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MaxCharactersDirective,
    ReactiveFormsModule,
    RequiredFieldDirective,
    ShownAsWrittenDirective,
    ShownAsWrittenNoteComponent,
  ],
  templateUrl: './send-announcement-form.component.html',
  styleUrl: './send-alert-form.component.css',
})
export class SendAnnouncementFormComponent {
  private readonly api = inject(AnnouncementsApi);

  private readonly required = viewChildren(RequiredFieldDirective);

  protected readonly titleMaxLength = NOTIFICATION_TITLE_MAX_LENGTH;
  protected readonly bodyMaxLength = NOTIFICATION_BODY_MAX_LENGTH;
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly confirmation = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, maxCharacters(NOTIFICATION_TITLE_MAX_LENGTH)]],
    body: ['', [Validators.required, maxCharacters(NOTIFICATION_BODY_MAX_LENGTH)]],
  });

  protected submit(): void {
    if (this.pending()) return;
    const missing = refuseMissing(this.required(), 'announcement-error');
    if (missing || this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set(missing);
      this.confirmation.set(null);
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.confirmation.set(null);
    const { title, body } = this.form.getRawValue();
    this.api.send({ title: title.trim(), body: body.trim() }).subscribe({
      next: (announcement) => {
        this.pending.set(false);
        this.form.reset();
        this.confirmation.set(`Sent to ${announcement.recipients} colleagues.`);
      },
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(describeFailure(error, 'send the announcement', ROLE_MAY_NOT));
      },
    });
  }
}
