import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationSender1796135245734 implements MigrationInterface {
  name = 'NotificationSender1796135245734';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" ADD "senderId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "senderName" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD "senderRole" character varying(20)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "senderRole"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "senderName"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP COLUMN "senderId"`);
  }
}
