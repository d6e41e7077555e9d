import { Routes } from '@angular/router';
import { adminGuard } from './audit/admin.guard';
import { PatientViewAuditPage } from './audit/patient-view-audit-page.component';
import { PatientsPage } from './list/patients-page.component';
import { PatientPage } from './patient/patient-page.component';

/**
 * The patients' list and each patient's chart. `chartSections` are what other parts of the portal
 * show on a chart (the patient's visits), composed by the app: each is a child route of the chart,
 * given the patient's id as its `id` input, shown below who else is viewing.
 */
export const patientsRoutes = (chartSections: Routes = []): Routes => [
  { path: '', title: 'Patients', component: PatientsPage },
  { path: ':id', title: 'Patient', component: PatientPage, children: chartSections },
];

export const auditRoutes: Routes = [
  { path: '', title: 'Chart-view audit', canActivate: [adminGuard], component: PatientViewAuditPage },
];
