import { Column, Entity, Index } from 'typeorm';
import { TenantScopedEntity } from '@derm/api/database';

/** One socket's view of one patient's chart: who, which patient, when. Never clinical content. */
@Entity({ name: 'patient_view_audit' })
@Index(['tenantId', 'patientId', 'startedAt'])
@Index(['tenantId', 'userId', 'startedAt'])
@Index(['tenantId', 'sessionId'])
export class PatientViewAuditEntity extends TenantScopedEntity {
  @Column({ type: 'varchar', length: 36 })
  userId!: string;

  @Column({ type: 'varchar', length: 36 })
  patientId!: string;

  /** The Socket.IO connection the chart was open in: what closes the view, never shown. */
  @Column({ type: 'varchar', length: 64 })
  sessionId!: string;

  /** The sign-in (token `sid`) of that connection; unset for views recorded before it was kept. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  signInSessionId!: string | null;

  /** "Chrome 131 on Linux", from the connection's user agent; unset for views recorded before it was kept. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  client!: string | null;

  @Column({ type: Date })
  startedAt!: Date;

  /** Unset while the chart is open (or when the process holding it stopped without a trace). */
  @Column({ type: Date, nullable: true })
  endedAt!: Date | null;
}
