import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { OnlineStaffService } from '../data/online-staff.service';
import { ROLE_LABELS } from './role-labels';

/** Colleagues online right now, live, each with their role and a way to message them. */
@Component({
  selector: 'derm-online-staff-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  templateUrl: './online-staff-panel.component.html',
  styleUrl: './online-staff-panel.component.css',
})
export class OnlineStaffPanelComponent {
  private readonly session = inject(AuthSession);

  protected readonly online = inject(OnlineStaffService).online;
  protected readonly me = computed(() => this.session.user()?.id);
  protected readonly roleLabels = ROLE_LABELS;
}
