import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from './auth-session.service';

/** Staff-only routes: without a session, go to the login page. */
export const authGuard: CanActivateFn = () =>
  inject(AuthSession).isAuthenticated() || inject(Router).createUrlTree(['/login']);

/** The login page: already signed in, go to the portal. */
export const guestGuard: CanActivateFn = () =>
  !inject(AuthSession).isAuthenticated() || inject(Router).createUrlTree(['/']);

/** Admin-only pages; the API refuses others anyway (403), this keeps them from a dead end. */
export const adminGuard: CanActivateFn = () =>
  inject(AuthSession).user()?.role === 'admin' || inject(Router).createUrlTree(['/']);
