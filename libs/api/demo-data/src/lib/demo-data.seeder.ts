import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AppointmentEntity } from '@derm/api/appointments';
import { PasswordHasher, StaffMemberEntity, TenantEntity } from '@derm/api/auth';
import { AppConfig } from '@derm/api/config';
import { PatientEntity } from '@derm/api/patients';
import { calendarDayIn, zonedTime } from '@derm/shared/contracts';
import { DEMO_CLINICS, DEMO_PASSWORD, DemoClinic } from './demo-clinics';
import { seedDemoThread } from './demo-threads';

/** Seeds the demo clinics into an empty database when DEMO_SEED is on, and says so loudly. */
@Injectable()
export class DemoDataSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeed) return;
    if ((await this.dataSource.getRepository(TenantEntity).count()) === 0) {
      const passwordHash = await this.passwords.hash(DEMO_PASSWORD);
      await this.dataSource.transaction(async (manager) => {
        for (const clinic of DEMO_CLINICS) await this.seedClinic(manager, clinic, passwordHash);
      });
      this.logger.warn('Seeded the demo clinics into an empty database.');
    }
    const logins = DEMO_CLINICS.flatMap((c) => c.staff.map((s) => `${s.login}@${c.domain}`));
    this.logger.warn(
      `DEMO DATA IS ON (DEMO_SEED): anyone can sign in as ${logins.join(', ')} with the password "${DEMO_PASSWORD}". Never use it with real patients.`,
    );
  }

  private async seedClinic(manager: EntityManager, clinic: DemoClinic, passwordHash: string): Promise<void> {
    const tenantId = randomUUID();
    await manager.insert(TenantEntity, {
      id: tenantId,
      name: clinic.name,
      status: 'active',
      timeZone: clinic.timeZone,
    });
    const staff = clinic.staff.map((member) => ({
      id: randomUUID(),
      tenantId,
      email: `${member.login}@${clinic.domain}`,
      name: member.name,
      role: member.role,
      passwordHash,
    }));
    // Copies: for columns with defaults TypeORM merges the rows SQLite returns back into the
    // inserted objects by position, and a multi-row RETURNING comes back in any order.
    await manager.insert(
      StaffMemberEntity,
      staff.map((member) => ({ ...member })),
    );
    const patients = clinic.patients.map((patient, index) => ({
      id: randomUUID(),
      tenantId,
      mrn: `${clinic.domain.slice(0, 3).toUpperCase()}-${1001 + index}`,
      ...patient,
    }));
    await manager.insert(PatientEntity, patients);
    const provider = staff.find((member) => member.role === 'provider');
    const today = calendarDayIn(new Date(), clinic.timeZone);
    await manager.insert(
      AppointmentEntity,
      clinic.schedule.map(([hour, minutes, patient, type]) => {
        const startsAt = zonedTime(today, `${String(hour).padStart(2, '0')}:00`, clinic.timeZone);
        return {
          id: randomUUID(),
          tenantId,
          patientId: patients[patient].id,
          providerId: provider?.id ?? staff[0].id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + minutes * 60_000),
          type,
          status: 'scheduled' as const,
        };
      }),
    );
    await seedDemoThread(manager, tenantId, staff, patients[0]);
  }
}
