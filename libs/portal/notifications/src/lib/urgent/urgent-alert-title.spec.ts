import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { NotificationView } from '@derm/shared/contracts';
import { NotificationInbox } from '../data/notification-inbox.service';
import { titleWithUrgentAlerts, UrgentAlertTitle } from './urgent-alert-title';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class EmptyPage {}

const alert = (id: string): NotificationView => ({
  id,
  kind: 'urgent-alert',
  title: 'Patient collapsed in room 3',
  priority: 'urgent',
  createdAt: '2026-12-05T09:00:00.000Z',
  requiresAck: true,
});

describe('titleWithUrgentAlerts', () => {
  it('leaves the title alone with nothing awaiting, and counts one or more', () => {
    expect(titleWithUrgentAlerts('Schedule', 0)).toBe('Schedule');
    expect(titleWithUrgentAlerts('Schedule', 1)).toBe('(1) Urgent alert · Schedule');
    expect(titleWithUrgentAlerts('Schedule', 3)).toBe('(3) Urgent alerts · Schedule');
  });
});

describe('UrgentAlertTitle', () => {
  const awaitingAck = signal<NotificationView[]>([]);
  let title: Title;
  let router: Router;

  beforeEach(async () => {
    awaitingAck.set([]);
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: 'schedule', title: 'Schedule', component: EmptyPage },
          { path: 'patients', title: 'Patients', component: EmptyPage },
          { path: 'untitled', component: EmptyPage },
        ]),
        { provide: TitleStrategy, useExisting: UrgentAlertTitle },
        { provide: NotificationInbox, useValue: { awaitingAck } },
      ],
    });
    title = TestBed.inject(Title);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/schedule');
    TestBed.tick();
  });

  it('shows the route’s title while nothing awaits an acknowledgement', () => {
    expect(title.getTitle()).toBe('Schedule');
  });

  it('leads the title with the alerts awaiting, on every page, until they are acknowledged', async () => {
    awaitingAck.set([alert('a1')]);
    TestBed.tick();
    expect(title.getTitle()).toBe('(1) Urgent alert · Schedule');

    awaitingAck.set([alert('a1'), alert('a2')]);
    await router.navigateByUrl('/patients');
    TestBed.tick();
    expect(title.getTitle()).toBe('(2) Urgent alerts · Patients');

    awaitingAck.set([]);
    TestBed.tick();
    expect(title.getTitle()).toBe('Patients');
  });

  it('keeps the last page title for a route without one', async () => {
    awaitingAck.set([alert('a1')]);
    await router.navigateByUrl('/untitled');
    TestBed.tick();
    expect(title.getTitle()).toBe('(1) Urgent alert · Schedule');
  });
});
