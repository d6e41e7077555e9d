import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { AuthSession, ClinicTimePipe, Colleagues, describeFailure, ROLE_MAY_NOT } from '@derm/portal/core';
import { LoadingPlaceholderComponent, ShowMoreComponent } from '@derm/portal/ui';
import { AlertSummary } from '@derm/shared/contracts';
import { AlertsApi } from '../data/alerts-api.service';
import { acknowledgedCount } from './alert-progress';
import { RecentAlertsStore } from './recent-alerts.store';
import { SendAlertFormComponent } from './send-alert-form.component';
import { SendAnnouncementFormComponent } from './send-announcement-form.component';

/**
 * Send an urgent alert (admins: also an announcement), and the recent alerts with who
 * acknowledged, 20 at a time with older ones on request, kept live by `alert:status`
 * ({@link RecentAlertsStore}); a placeholder stands in for the list while it loads.
 */
@Component({
  selector: 'derm-alerts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ClinicTimePipe,
    LoadingPlaceholderComponent,
    RouterLink,
    SendAlertFormComponent,
    SendAnnouncementFormComponent,
    ShowMoreComponent,
  ],
  providers: [RecentAlertsStore],
  templateUrl: './alerts-page.component.html',
  styleUrl: './alerts-page.component.css',
})
export class AlertsPage {
  private readonly api = inject(AlertsApi);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);

  private readonly recent = inject(RecentAlertsStore);
  protected readonly alerts = computed(() => this.recent.alerts().items);
  protected readonly older = this.recent.older;
  protected readonly loading = this.recent.loading;
  protected readonly error = computed(() => {
    const error = this.recent.error();
    return error === null ? null : describeFailure(error, 'load recent alerts', ROLE_MAY_NOT);
  });
  protected readonly acknowledgedCount = acknowledgedCount;
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');
  protected readonly colleagues = inject(Colleagues).others;

  protected onSent(alert: AlertSummary): void {
    void this.router.navigate(['/alerts', alert.id]);
  }
}
