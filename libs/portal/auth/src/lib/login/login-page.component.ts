import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { AuthSession } from '@derm/portal/core';
import { LOGIN_EMAIL_MAX_LENGTH, LOGIN_PASSWORD_MAX_LENGTH } from '@derm/shared/contracts';
import { map } from 'rxjs';

const DEMO_PASSWORD = 'demo-password';
const REASONS: Record<string, string> = {
  'signed-out-in-another-tab': 'You signed out in another tab of this browser.',
  expired: 'Your session expired. Please sign in again.',
  unauthorized: 'Your session is no longer valid. Please sign in again.',
  revoked: 'Your session was ended (signed out elsewhere or account deactivated). Please sign in again.',
};

@Component({
  selector: 'derm-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.css',
})
export class LoginPage {
  protected readonly emailMaxLength = LOGIN_EMAIL_MAX_LENGTH;
  protected readonly passwordMaxLength = LOGIN_PASSWORD_MAX_LENGTH;
  private readonly session = inject(AuthSession);
  private readonly router = inject(Router);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly pending = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly demoAccounts = ['frontdesk', 'nurse', 'provider', 'admin'].flatMap((role) =>
    ['riverside', 'lakeside'].map((clinic) => `${role}@${clinic}.test`),
  );

  private readonly reason = toSignal(inject(ActivatedRoute).queryParamMap.pipe(map((params) => params.get('reason'))));
  protected readonly notice = computed(() => REASONS[this.reason() ?? ''] ?? null);

  protected useDemoAccount(email: string): void {
    this.form.setValue({ email, password: DEMO_PASSWORD });
  }

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    this.pending.set(true);
    this.error.set(null);
    this.session.login(this.form.getRawValue()).subscribe({
      next: () => void this.router.navigateByUrl('/schedule'),
      error: (error: unknown) => {
        this.pending.set(false);
        this.error.set(describe(error));
      },
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 401) return 'Email or password is incorrect.';
    if (error.status === 0) return 'The server cannot be reached. Check your connection.';
    if (error.status === 429) return 'Too many attempts. Wait a moment and try again.';
  }
  return 'Sign-in failed. Please try again.';
}
