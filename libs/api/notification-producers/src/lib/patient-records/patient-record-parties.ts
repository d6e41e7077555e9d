import { Injectable } from '@nestjs/common';
import { StaffDirectory } from '@derm/api/auth';
import { PatientsService } from '@derm/api/patients';
import { PatientSummary, StaffAccount } from '@derm/shared/contracts';

/** Whom a lab result or a prior authorization is about and for: a patient and an active provider of the clinic. */
@Injectable()
export class PatientRecordParties {
  constructor(
    private readonly patients: PatientsService,
    private readonly staff: StaffDirectory,
  ) {}

  /**
   * The patient first, then the provider: 404 for either of another clinic (or unknown), 400 for
   * staff who are not providers, 409 naming a deactivated provider.
   */
  async of(
    tenantId: string,
    patientId: string,
    providerId: string,
  ): Promise<{ patient: PatientSummary; provider: StaffAccount }> {
    const patient = await this.patients.get(tenantId, patientId);
    const provider = await this.staff.activeProvider(tenantId, providerId);
    return { patient, provider };
  }
}
