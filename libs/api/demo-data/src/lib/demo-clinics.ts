import { AppointmentType, StaffRole } from '@derm/shared/contracts';

export const DEMO_PASSWORD = 'demo-password';

export interface DemoClinic {
  name: string;
  domain: string;
  /** IANA zone: one clinic on each side of UTC. */
  timeZone: string;
  staff: { login: string; name: string; role: StaffRole }[];
  patients: { displayName: string; dateOfBirth: string }[];
  /** Today's appointments: hour on the clinic's clock, minutes long, patient index, type. */
  schedule: [hour: number, minutes: number, patient: number, type: AppointmentType][];
}

/** Two clinics, so that tenant isolation is visible in the demo. */
export const DEMO_CLINICS: DemoClinic[] = [
  {
    name: 'Riverside Dermatology',
    domain: 'riverside.test',
    timeZone: 'America/New_York',
    staff: [
      { login: 'provider', name: 'Dr. Ana Ortiz', role: 'provider' },
      { login: 'nurse', name: 'Nora Quinn', role: 'nurse' },
      { login: 'frontdesk', name: 'Felix Park', role: 'front-desk' },
      { login: 'admin', name: 'Alma Reyes', role: 'admin' },
    ],
    patients: [
      { displayName: 'Jordan Blake', dateOfBirth: '1984-03-12' },
      { displayName: 'Priya Natarajan', dateOfBirth: '1991-07-02' },
      { displayName: 'Samuel Okafor', dateOfBirth: '1967-11-23' },
      { displayName: 'Lena Fischer', dateOfBirth: '2001-01-30' },
      { displayName: 'Marco Bellini', dateOfBirth: '1958-05-17' },
    ],
    schedule: [
      [9, 30, 0, 'skin-check'],
      [10, 30, 1, 'follow-up'],
      [11, 45, 2, 'procedure'],
      [14, 30, 3, 'consultation'],
    ],
  },
  {
    name: 'Lakeside Skin Clinic',
    domain: 'lakeside.test',
    timeZone: 'Europe/Berlin',
    staff: [
      { login: 'provider', name: 'Dr. Ben Cho', role: 'provider' },
      { login: 'nurse', name: 'Ines Duarte', role: 'nurse' },
      { login: 'frontdesk', name: 'Theo Grant', role: 'front-desk' },
      { login: 'admin', name: 'Hana Sato', role: 'admin' },
    ],
    patients: [
      { displayName: 'Olivia Hart', dateOfBirth: '1979-09-09' },
      { displayName: 'Diego Alvarez', dateOfBirth: '1988-12-01' },
      { displayName: 'Grace Liu', dateOfBirth: '1995-04-18' },
      { displayName: 'Tomasz Nowak', dateOfBirth: '1972-06-25' },
    ],
    schedule: [
      [9, 30, 0, 'consultation'],
      [11, 30, 1, 'skin-check'],
      [15, 45, 2, 'cosmetic'],
    ],
  },
];
