import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { AuthSession, ClinicTimePipe } from '@derm/portal/core';
import { AlertSummary, StaffMember } from '@derm/shared/contracts';
import { catchError, of } from 'rxjs';
import { AlertsApi } from '../data/alerts-api.service';
import { describeError } from '../data/describe-error';
import { acknowledgedCount } from './alert-progress';
import { SendAlertFormComponent } from './send-alert-form.component';
import { SendAnnouncementFormComponent } from './send-announcement-form.component';

/** Send an urgent alert (admins: also an announcement), and the recent alerts with who acknowledged. */
@Component({
  selector: 'derm-alerts-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClinicTimePipe, RouterLink, SendAlertFormComponent, SendAnnouncementFormComponent],
  templateUrl: './alerts-page.component.html',
  styleUrl: './alerts-page.component.css',
})
export class AlertsPage {
  private readonly api = inject(AlertsApi);
  private readonly router = inject(Router);
  private readonly session = inject(AuthSession);

  protected readonly alerts = signal<AlertSummary[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly acknowledgedCount = acknowledgedCount;
  private readonly staff = toSignal(this.api.staff().pipe(catchError(() => of<StaffMember[]>([]))), { initialValue: [] });
  protected readonly isAdmin = computed(() => this.session.user()?.role === 'admin');
  protected readonly colleagues = computed(() => this.staff().filter((member) => member.id !== this.session.user()?.id));

  constructor() {
    this.api.recent().subscribe({
      next: (alerts) => this.alerts.set(alerts),
      error: (error: unknown) => this.error.set(describeError(error, 'load recent alerts')),
    });
  }

  protected onSent(alert: AlertSummary): void {
    void this.router.navigate(['/alerts', alert.id]);
  }
}
