import { MigrationInterface, QueryRunner } from 'typeorm';

/** `unaccent`, so that a patient search finds "Muñoz" by "munoz" (a trusted extension: no superuser needed). */
export class PatientNameSearch1796282112930 implements MigrationInterface {
  name = 'PatientNameSearch1796282112930';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS unaccent`);
  }
}
