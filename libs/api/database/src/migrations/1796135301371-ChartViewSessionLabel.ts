import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChartViewSessionLabel1796135301371 implements MigrationInterface {
  name = 'ChartViewSessionLabel1796135301371';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patient_view_audit" ADD "signInSessionId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "patient_view_audit" ADD "client" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "patient_view_audit" DROP COLUMN "client"`);
    await queryRunner.query(`ALTER TABLE "patient_view_audit" DROP COLUMN "signInSessionId"`);
  }
}
