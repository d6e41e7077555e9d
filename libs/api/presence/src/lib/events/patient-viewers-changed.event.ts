import { TenantEvent } from '@derm/api/events';
import { PatientViewer } from '@derm/shared/contracts';

/** Someone started or stopped viewing a patient's chart: the people viewing it are now these. */
export class PatientViewersChanged extends TenantEvent {
  constructor(
    tenantId: string,
    readonly patientId: string,
    readonly viewers: PatientViewer[],
  ) {
    super(tenantId);
  }
}
