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
}
