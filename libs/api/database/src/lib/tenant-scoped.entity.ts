import { Column, PrimaryColumn } from 'typeorm';

/** Every domain row belongs to one tenant; ids are UUIDs made by the application. */
export abstract class TenantScopedEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  tenantId!: string;
}
