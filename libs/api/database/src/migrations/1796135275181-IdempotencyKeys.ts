import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyKeys1796135275181 implements MigrationInterface {
  name = 'IdempotencyKeys1796135275181';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("tenantId" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "scope" character varying(64) NOT NULL, "key" character varying(64) NOT NULL, "fingerprint" character varying(64) NOT NULL, "response" text, "createdAt" TIMESTAMP NOT NULL, "expiresAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_20b89313e784f5402868d4776a6" PRIMARY KEY ("tenantId", "userId", "scope", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_69cdd42dc83e6208402de6acef" ON "idempotency_keys" ("expiresAt") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_69cdd42dc83e6208402de6acef"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
