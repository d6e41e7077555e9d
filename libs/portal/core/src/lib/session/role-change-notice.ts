import { inject, Injectable, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ActivatedRouteSnapshot, NavigationStart, Router } from '@angular/router';
import { StaffRole } from '@derm/shared/contracts';
import { filter } from 'rxjs';
import { AuthSession } from './auth-session.service';
import { adminGuard } from './auth.guard';

/** What the shell says after the signed-in person's role changed while signed in. */
export interface RoleNotice {
  role: StaffRole;
  /** The title of the page the person was taken off, as the new role may not use it; null if none. */
  left: string | null;
}

/**
 * Follows the signed-in person's own role changes (`AuthSession.roleChanges$`): an admin page the
 * new role may not use is left for the schedule at once (its guard would refuse it now), and the
 * notice says why until the next navigation or sign-out. Pages reading `user()` follow by themselves.
 */
@Injectable({ providedIn: 'root' })
export class RoleChangeNotice {
  private readonly router = inject(Router);
  private readonly shown = signal<RoleNotice | null>(null);
  readonly notice = this.shown.asReadonly();

  constructor() {
    const session = inject(AuthSession);
    session.roleChanges$.pipe(takeUntilDestroyed()).subscribe(({ role }) => this.changed(role));
    session.userChanges$.pipe(takeUntilDestroyed()).subscribe(() => this.shown.set(null));
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationStart),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.shown.set(null));
  }

  private changed(role: StaffRole): void {
    const left = role === 'admin' ? null : adminPageTitle(this.router.routerState.snapshot.root);
    if (left === null) {
      this.shown.set({ role, left });
      return;
    }
    // Replaced, so that Back does not lead to the page refused.
    void this.router.navigateByUrl('/', { replaceUrl: true }).then(() => this.shown.set({ role, left }));
  }
}

/** The title of the page shown if `adminGuard` guards it (or a route above it), else null. */
function adminPageTitle(root: ActivatedRouteSnapshot): string | null {
  let guarded = false;
  let title = '';
  for (let route: ActivatedRouteSnapshot | null = root; route; route = route.firstChild) {
    guarded ||= route.routeConfig?.canActivate?.includes(adminGuard) ?? false;
    title = route.title ?? title;
  }
  return guarded ? title : null;
}
