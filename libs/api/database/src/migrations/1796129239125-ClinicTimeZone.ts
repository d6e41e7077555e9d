import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClinicTimeZone1796129239125 implements MigrationInterface {
  name = 'ClinicTimeZone1796129239125';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" ADD "timeZone" character varying(64) NOT NULL DEFAULT 'UTC'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "timeZone"`);
  }
}
