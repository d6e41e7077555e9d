import { effect, inject, Injectable, Injector, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { NotificationInbox } from '../data/notification-inbox.service';

/** The page's title, led by the urgent alerts awaiting this person's acknowledgement, if any. */
export function titleWithUrgentAlerts(pageTitle: string, awaiting: number): string {
  if (awaiting === 0) return pageTitle;
  return `(${awaiting}) ${awaiting === 1 ? 'Urgent alert' : 'Urgent alerts'} · ${pageTitle}`;
}

/**
 * The router's page titles, led by how many urgent alerts await the signed-in person's
 * acknowledgement. The modal shows them on the page, but a tab behind others, with browser
 * notifications and sound off, shows nothing else: its title in the tab strip still does. The
 * count follows the inbox, so it goes at the acknowledgement, on another tab too, and at sign-out.
 */
@Injectable({ providedIn: 'root' })
export class UrgentAlertTitle extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly injector = inject(Injector);
  /** The route's title; the document's own until a route names one. */
  private readonly pageTitle = signal(this.title.getTitle());
  private following = false;

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const routeTitle = this.buildTitle(snapshot);
    if (routeTitle !== undefined) this.pageTitle.set(routeTitle);
    if (!this.following) this.followInbox();
  }

  /** From the first navigation on: the inbox needs the router, which is still being made with this. */
  private followInbox(): void {
    this.following = true;
    const inbox = this.injector.get(NotificationInbox);
    effect(() => this.title.setTitle(titleWithUrgentAlerts(this.pageTitle(), inbox.awaitingAck().length)), {
      injector: this.injector,
    });
  }
}
