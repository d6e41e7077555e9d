import { Routes } from '@angular/router';
import { adminGuard } from './audit/admin.guard';
import { PatientViewAuditPage } from './audit/patient-view-audit-page.component';
import { PatientsPage } from './list/patients-page.component';
import { PatientPage } from './patient/patient-page.component';

export const patientsRoutes: Routes = [
  { path: '', title: 'Patients', component: PatientsPage },
  { path: ':id', title: 'Patient', component: PatientPage },
];

export const auditRoutes: Routes = [
  { path: '', title: 'Chart-view audit', canActivate: [adminGuard], component: PatientViewAuditPage },
];
