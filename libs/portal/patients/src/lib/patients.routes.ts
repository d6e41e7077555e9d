import { Routes } from '@angular/router';
import { adminGuard } from '@derm/portal/core';
import { PatientViewAuditPage } from './audit/patient-view-audit-page.component';
import { PatientsPage } from './list/patients-page.component';
import { PatientPage } from './patient/patient-page.component';

/** Each chart section has an outlet of its own, so that the chart shows them all, in order. */
const chartSectionOutlet = (index: number) => `chart-section-${index}`;

/**
 * The patients' list and each patient's chart. `chartSections` are what other parts of the portal
 * show on a chart (the patient's visits, the conversations about them), composed by the app: each
 * is a child route of the chart in a named outlet, given the patient's id as its `id` input, shown
 * below who else is viewing, in the order given. The chart is told the outlets' names as its
 * `chartSections` route data.
 */
export const patientsRoutes = (chartSections: Routes = []): Routes => [
  { path: '', title: 'Patients', component: PatientsPage },
  {
    path: ':id',
    title: 'Patient',
    component: PatientPage,
    data: { chartSections: chartSections.map((_, index) => chartSectionOutlet(index)) },
    children: chartSections.map((section, index) => ({ ...section, outlet: chartSectionOutlet(index) })),
  },
];

export const auditRoutes: Routes = [
  { path: '', title: 'Chart-view audit', canActivate: [adminGuard], component: PatientViewAuditPage },
];
