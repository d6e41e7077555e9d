import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { AppointmentStatus } from '@derm/shared/contracts';
import { APPOINTMENT_STATUS_LABELS } from './appointment-labels';

/** An appointment's status as a coloured badge, the same on the schedule and on a patient's chart. */
@Component({
  selector: 'derm-appointment-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '{{ label() }}',
  styleUrl: './appointment-status.component.css',
  host: { '[attr.data-status]': 'status()' },
})
export class AppointmentStatusComponent {
  readonly status = input.required<AppointmentStatus>();
  protected readonly label = computed(() => APPOINTMENT_STATUS_LABELS[this.status()]);
}
