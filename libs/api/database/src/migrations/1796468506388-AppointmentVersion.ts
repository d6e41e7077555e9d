import { MigrationInterface, QueryRunner } from 'typeorm';

export class AppointmentVersion1796468506388 implements MigrationInterface {
  name = 'AppointmentVersion1796468506388';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every appointment booked before this migration starts at version 1, as a new booking does.
    await queryRunner.query(`ALTER TABLE "appointments" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "appointments" DROP COLUMN "version"`);
  }
}
