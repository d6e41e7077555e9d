import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { RoleLabelPipe } from '@derm/portal/util';
import { OnlineStaffService } from '../data/online-staff.service';

/** Colleagues online right now, live, each with their role and a way to message them. */
@Component({
  selector: 'derm-online-staff-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RoleLabelPipe],
  templateUrl: './online-staff-panel.component.html',
  styleUrl: './online-staff-panel.component.css',
})
export class OnlineStaffPanelComponent {
  private readonly session = inject(AuthSession);

  protected readonly online = inject(OnlineStaffService).online;
  protected readonly me = computed(() => this.session.user()?.id);
}
