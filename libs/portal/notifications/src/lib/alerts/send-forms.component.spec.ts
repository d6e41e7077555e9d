import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal, Type } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { AuthSession } from '@derm/portal/core';
import { NOTIFICATION_BODY_MAX_LENGTH, NOTIFICATION_TITLE_MAX_LENGTH, StaffMember } from '@derm/shared/contracts';
import { SendAlertFormComponent } from './send-alert-form.component';
import { SendAnnouncementFormComponent } from './send-announcement-form.component';

const nora: StaffMember = { id: 'u-nora', name: 'Nora Quinn', role: 'nurse' } as StaffMember;

describe('the alert and announcement forms, sent incomplete', () => {
  let http: HttpTestingController;

  function render<C>(component: Type<C>): ComponentFixture<C> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: AuthSession, useValue: { user: signal({ id: 'u-desk', role: 'frontdesk' }) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(component);
    if (component === SendAlertFormComponent) fixture.componentRef.setInput('colleagues', [nora]);
    fixture.detectChanges();
    return fixture;
  }
  const field = (fixture: ComponentFixture<unknown>, testId: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement & HTMLSelectElement>(
      `[data-testid="${testId}"]`,
    );
  function type(fixture: ComponentFixture<unknown>, testId: string, value: string): void {
    const input = field(fixture, testId);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }
  function press(fixture: ComponentFixture<unknown>, testId: string): string | null {
    field(fixture, testId)?.click();
    fixture.detectChanges();
    return (fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent?.trim() ?? null;
  }

  /** Whether the field is marked missing, what describes it, and whether it has the keyboard focus. */
  function marks(fixture: ComponentFixture<unknown>, testId: string) {
    const input = field(fixture, testId);
    const describedBy = input?.getAttribute('aria-describedby') ?? null;
    return {
      invalid: input?.getAttribute('aria-invalid') ?? null,
      describedBy: describedBy && document.getElementById(describedBy)?.textContent?.trim(),
      focused: !!input && document.activeElement === input,
    };
  }
  const unmarked = { invalid: null, describedBy: null, focused: false };
  /** Missing, but not the field the message is about. */
  const alsoMissing = { invalid: 'true', describedBy: null, focused: false };
  /** The field the message names: marked, described by it, and focused. */
  const toFix = (message: string) => ({ invalid: 'true', describedBy: message, focused: true });

  afterEach(() => http.verify());

  it('an alert without a title says so, also when the title is only spaces, and sends nothing', () => {
    const form = render(SendAlertFormComponent);
    type(form, 'alert-recipient', nora.id);
    expect(press(form, 'alert-send')).toBe('Say what is happening.');
    type(form, 'alert-title', '   ');
    expect(press(form, 'alert-send')).toBe('Say what is happening.');
    http.expectNone('/api/alerts');
  });

  it('an alert whose title only looks blank (a blank Braille pattern, a zero-width space) says so as the server would, and sends nothing', () => {
    const form = render(SendAlertFormComponent);
    type(form, 'alert-recipient', nora.id);
    for (const title of ['\u2800\u2800\u2800', '\u200b', '\u3164 \ufe0f']) {
      type(form, 'alert-title', title);
      expect({ title, refusal: press(form, 'alert-send') }).toEqual({ title, refusal: 'Say what is happening.' });
    }
    http.expectNone('/api/alerts');
  });

  it('an alert to nobody says so; once both are given it is sent', () => {
    const form = render(SendAlertFormComponent);
    type(form, 'alert-title', 'Patient waiting at reception');
    expect(press(form, 'alert-send')).toBe('Choose who should get the alert.');
    http.expectNone('/api/alerts');

    type(form, 'alert-recipient', nora.id);
    expect(press(form, 'alert-send')).toBeNull();
    const sent = http.expectOne({ method: 'POST', url: '/api/alerts' });
    expect(sent.request.body).toEqual({ title: 'Patient waiting at reception', to: { userIds: [nora.id] } });
  });

  it('an announcement without a title or a message says which, and sends nothing until both are given', () => {
    const form = render(SendAnnouncementFormComponent);
    type(form, 'announcement-body', 'Use the side entrance.');
    expect(press(form, 'announcement-send')).toBe('Give the announcement a title.');
    type(form, 'announcement-title', 'Lobby closed Monday');
    type(form, 'announcement-body', '  ');
    expect(press(form, 'announcement-send')).toBe('Write its message.');
    http.expectNone('/api/announcements');

    type(form, 'announcement-body', 'Use the side entrance.');
    expect(press(form, 'announcement-send')).toBeNull();
    const sent = http.expectOne({ method: 'POST', url: '/api/announcements' });
    expect(sent.request.body).toEqual({ title: 'Lobby closed Monday', body: 'Use the side entrance.' });
  });

  it('an alert sent with nothing marks each missing field, points the first at the message and gives it the focus; filled in, a field is unmarked', async () => {
    const form = render(SendAlertFormComponent);
    expect(press(form, 'alert-send')).toBe('Say what is happening.');
    await form.whenStable();
    expect(marks(form, 'alert-title')).toEqual(toFix('Say what is happening.'));
    expect(marks(form, 'alert-recipient')).toEqual(alsoMissing);
    expect(marks(form, 'alert-body')).toEqual(unmarked);

    type(form, 'alert-title', 'Patient waiting at reception');
    form.detectChanges();
    expect(marks(form, 'alert-title')).toEqual({ ...unmarked, focused: true });
    expect(press(form, 'alert-send')).toBe('Choose who should get the alert.');
    await form.whenStable();
    expect(marks(form, 'alert-recipient')).toEqual(toFix('Choose who should get the alert.'));

    type(form, 'alert-recipient', nora.id);
    form.detectChanges();
    expect(marks(form, 'alert-recipient')).toEqual({ ...unmarked, focused: true });
    http.expectNone('/api/alerts');
  });

  it('an alert whose title is emptied again is marked again at the next send, the field missing no longer pointing at another’s message', async () => {
    const form = render(SendAlertFormComponent);
    type(form, 'alert-title', 'Patient waiting at reception');
    expect(press(form, 'alert-send')).toBe('Choose who should get the alert.');
    type(form, 'alert-title', '  ');
    expect(press(form, 'alert-send')).toBe('Say what is happening.');
    await form.whenStable();
    expect(marks(form, 'alert-title')).toEqual(toFix('Say what is happening.'));
    expect(marks(form, 'alert-recipient')).toEqual(alsoMissing);
    http.expectNone('/api/alerts');
  });

  it('an announcement with a title of spaces and no message marks both and focuses the title; given a title, its message', async () => {
    const form = render(SendAnnouncementFormComponent);
    type(form, 'announcement-title', '   ');
    expect(press(form, 'announcement-send')).toBe('Give the announcement a title.');
    await form.whenStable();
    expect(marks(form, 'announcement-title')).toEqual(toFix('Give the announcement a title.'));
    expect(marks(form, 'announcement-body')).toEqual(alsoMissing);

    type(form, 'announcement-title', 'Lobby closed Monday');
    expect(press(form, 'announcement-send')).toBe('Write its message.');
    await form.whenStable();
    expect(marks(form, 'announcement-title')).toEqual(unmarked);
    expect(marks(form, 'announcement-body')).toEqual(toFix('Write its message.'));

    type(form, 'announcement-body', 'Use the side entrance.');
    expect(press(form, 'announcement-send')).toBeNull();
    expect(marks(form, 'announcement-body')).toEqual({ ...unmarked, focused: true });
    http.expectOne({ method: 'POST', url: '/api/announcements' });
  });

  it('an alert form follows the sender’s role changed while it is open: a choice the new role may not send goes', async () => {
    const user = signal({ id: 'u-nurse', role: 'nurse' });
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: AuthSession, useValue: { user } }],
    });
    http = TestBed.inject(HttpTestingController);
    const form = TestBed.createComponent(SendAlertFormComponent);
    form.componentRef.setInput('colleagues', [nora]);
    await form.whenStable();
    const targets = () => Array.from(field(form, 'alert-target')?.options ?? [], (option) => option.value);
    expect(targets()).toEqual(['person', 'role']);
    type(form, 'alert-target', 'role');
    type(form, 'alert-title', 'Room 3 needs a hand');
    await form.whenStable();
    expect(field(form, 'alert-recipient')).toBeNull();

    user.set({ id: 'u-nurse', role: 'front-desk' });
    await form.whenStable();
    expect(targets()).toEqual(['person']);
    expect(field(form, 'alert-target')?.value).toBe('person');
    // Back to a colleague: Send asks for one rather than sending to a role the server refuses.
    expect(field(form, 'alert-recipient')).not.toBeNull();
    expect(press(form, 'alert-send')).toBe('Choose who should get the alert.');
    http.expectNone('/api/alerts');

    user.set({ id: 'u-nurse', role: 'admin' });
    await form.whenStable();
    expect(targets()).toEqual(['person', 'role', 'everyone']);
    expect(field(form, 'alert-target')?.value).toBe('person');
  });

  it('takes a title and a message up to the characters the server keeps, an emoji counting one, as the server counts', () => {
    const announcement = render(SendAnnouncementFormComponent);
    const sent = (body: string) => {
      type(announcement, 'announcement-title', 'Fire drill');
      type(announcement, 'announcement-body', body);
      press(announcement, 'announcement-send');
      const request = http.expectOne({ method: 'POST', url: '/api/announcements' });
      request.flush({ recipients: 3 });
      announcement.detectChanges();
      return (request.request.body as { body: string }).body;
    };
    const emoji = (count: number) => '😀'.repeat(count);
    // `maxlength` and `Validators.maxLength` count an emoji as two and stopped at half of these.
    expect(sent(emoji(NOTIFICATION_BODY_MAX_LENGTH - 1))).toBe(emoji(NOTIFICATION_BODY_MAX_LENGTH - 1));
    expect(sent(emoji(NOTIFICATION_BODY_MAX_LENGTH))).toBe(emoji(NOTIFICATION_BODY_MAX_LENGTH));
    // One past the limit is cut as it is pasted, so what goes is what the server takes.
    expect(sent(emoji(NOTIFICATION_BODY_MAX_LENGTH + 1))).toBe(emoji(NOTIFICATION_BODY_MAX_LENGTH));
    expect(sent(`${emoji(NOTIFICATION_BODY_MAX_LENGTH - 1)}xy`)).toBe(`${emoji(NOTIFICATION_BODY_MAX_LENGTH - 1)}x`);
  });

  it('cuts every title and message field at the server’s limit, never through an emoji', () => {
    const cut = (fixture: ComponentFixture<unknown>, testId: string) => {
      type(fixture, testId, `x${'😀'.repeat(NOTIFICATION_BODY_MAX_LENGTH)}`);
      return [...(field(fixture, testId)?.value ?? '')].length;
    };
    const alert = render(SendAlertFormComponent);
    expect([cut(alert, 'alert-title'), cut(alert, 'alert-body')]).toEqual([
      NOTIFICATION_TITLE_MAX_LENGTH,
      NOTIFICATION_BODY_MAX_LENGTH,
    ]);
    TestBed.resetTestingModule();
    const announcement = render(SendAnnouncementFormComponent);
    expect([cut(announcement, 'announcement-title'), cut(announcement, 'announcement-body')]).toEqual([
      NOTIFICATION_TITLE_MAX_LENGTH,
      NOTIFICATION_BODY_MAX_LENGTH,
    ]);
    expect(field(announcement, 'announcement-body')?.value.endsWith('😀')).toBe(true);
  });
});
