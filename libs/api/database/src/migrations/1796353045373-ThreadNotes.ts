import { MigrationInterface, QueryRunner } from 'typeorm';

export class ThreadNotes1796353045373 implements MigrationInterface {
  name = 'ThreadNotes1796353045373';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every line before this migration is a message; new rows always say what they are.
    await queryRunner.query(`ALTER TABLE "messages" ADD "kind" character varying(16) NOT NULL DEFAULT 'message'`);
    await queryRunner.query(`ALTER TABLE "messages" ALTER COLUMN "kind" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "addedById" character varying(36)`);
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_9bea00a49b48b786f5da98cbafe" FOREIGN KEY ("addedById") REFERENCES "staff_members"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_9bea00a49b48b786f5da98cbafe"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "addedById"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "kind"`);
  }
}
