import { MigrationInterface, QueryRunner } from 'typeorm';

export class PatientRecordReads1796602322077 implements MigrationInterface {
  name = 'PatientRecordReads1796602322077';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "patient_record_reads" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "patientId" character varying(36), "kind" character varying(16) NOT NULL, "signInSessionId" character varying(36) NOT NULL, "client" character varying(64) NOT NULL, "readAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_ee34c8ecea54fb1601008fbd011" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f5e0fa22c5ad78a9913bbf7506" ON "patient_record_reads" ("tenantId", "userId", "readAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_790ad30e45a60534614d8d1687" ON "patient_record_reads" ("tenantId", "patientId", "readAt") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_790ad30e45a60534614d8d1687"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f5e0fa22c5ad78a9913bbf7506"`);
    await queryRunner.query(`DROP TABLE "patient_record_reads"`);
  }
}
