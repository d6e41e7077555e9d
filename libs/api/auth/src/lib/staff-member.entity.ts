import { Column, Entity, Index } from 'typeorm';
import { StaffRole } from '@derm/shared/contracts';
import { TenantScopedEntity } from '@derm/api/database';

@Entity({ name: 'staff_members' })
export class StaffMemberEntity extends TenantScopedEntity {
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: StaffRole;

  /** argon2id hash (or a bcrypt one from before, replaced at its next sign-in); never leaves this library. */
  @Column({ type: 'varchar', length: 100 })
  passwordHash!: string;

  /** An inactive member cannot sign in, and none of their sessions is accepted. */
  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Sessions that signed in at or before this moment are revoked (set on deactivation). */
  @Column({ type: Date, nullable: true })
  sessionsRevokedAt!: Date | null;
}
