import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from '@derm/portal/core';

/** Admin-only pages; the API refuses others anyway (403), this keeps them from a dead end. */
export const adminGuard: CanActivateFn = () =>
  inject(AuthSession).user()?.role === 'admin' || inject(Router).createUrlTree(['/']);
