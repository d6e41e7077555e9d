import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TenantStatus = 'active' | 'suspended';

/** A clinic. Everything else belongs to exactly one. */
@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status!: TenantStatus;

  /** IANA zone (`America/New_York`): the clinic's days and wall-clock times; instants stay UTC. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timeZone!: string;
}
