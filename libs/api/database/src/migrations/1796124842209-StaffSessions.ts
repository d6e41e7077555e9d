import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffSessions1796124842209 implements MigrationInterface {
  name = 'StaffSessions1796124842209';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_sessions" ("sessionId" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "expiresAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_35afc356de67ba28c454eca7422" PRIMARY KEY ("sessionId"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_bf07e39d66b26a92c5951a8939" ON "revoked_sessions" ("expiresAt") `);
    await queryRunner.query(`ALTER TABLE "staff_members" ADD "active" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "staff_members" ADD "sessionsRevokedAt" TIMESTAMP`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staff_members" DROP COLUMN "sessionsRevokedAt"`);
    await queryRunner.query(`ALTER TABLE "staff_members" DROP COLUMN "active"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bf07e39d66b26a92c5951a8939"`);
    await queryRunner.query(`DROP TABLE "revoked_sessions"`);
  }
}
