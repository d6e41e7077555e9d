import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795509829290 implements MigrationInterface {
  name = 'InitialSchema1795509829290';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "patients" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "displayName" character varying(200) NOT NULL, "dateOfBirth" character varying(10) NOT NULL, "mrn" character varying(40) NOT NULL, CONSTRAINT "PK_a7f0b9fcbb3469d5ec0b0aceaa7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenants" ("id" character varying(36) NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'active', CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staff_members" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "passwordHash" character varying(100) NOT NULL, CONSTRAINT "PK_cdad75efe024402db5d51140960" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_84b814f9a703403b308835f8cc" ON "staff_members" ("email") `);
    await queryRunner.query(
      `CREATE TABLE "appointments" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "patientId" character varying(36) NOT NULL, "providerId" character varying(36) NOT NULL, "startsAt" TIMESTAMP NOT NULL, "endsAt" TIMESTAMP NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'scheduled', "type" character varying(20) NOT NULL DEFAULT 'consultation', "checkedInAt" TIMESTAMP, "cancelReason" character varying(500), "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_4a437a9a27e948726b8bb3e36ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f64fb316ed0309b89a77966bf0" ON "appointments" ("tenantId", "startsAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "patient_view_audit" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "patientId" character varying(36) NOT NULL, "sessionId" character varying(64) NOT NULL, "startedAt" TIMESTAMP NOT NULL, "endedAt" TIMESTAMP, CONSTRAINT "PK_236d987309bdab1c870b6a641a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e39ebf52a369c7c4260144db80" ON "patient_view_audit" ("tenantId", "sessionId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f354256ce353fd03149a264f13" ON "patient_view_audit" ("tenantId", "userId", "startedAt") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_acac04a25b7cbf87b1aff25493" ON "patient_view_audit" ("tenantId", "patientId", "startedAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "assigneeId" character varying(36) NOT NULL, "createdById" character varying(36) NOT NULL, "patientId" character varying(36), "dueAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3e1a8c4b7571cadc108c446283" ON "tasks" ("tenantId", "assigneeId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "prior_auths" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "patientId" character varying(36) NOT NULL, "providerId" character varying(36) NOT NULL, "procedure" character varying(200) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'draft', "createdAt" TIMESTAMP NOT NULL, "updatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_c22d0c7ed0b92a7e0a172e07923" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e0e04a696119a22be73ee3671a" ON "prior_auths" ("tenantId", "patientId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "lab_results" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "patientId" character varying(36) NOT NULL, "orderingProviderId" character varying(36) NOT NULL, "testName" character varying(200) NOT NULL, "readyAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_4f1c5b3b5813c98fb531e5db738" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4075f4b76d896531c7d7740c56" ON "lab_results" ("tenantId", "patientId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "notificationId" character varying(36) NOT NULL, "recipientId" character varying(36) NOT NULL, "kind" character varying(30) NOT NULL, "title" character varying(200) NOT NULL, "body" character varying(500), "priority" character varying(10) NOT NULL, "link" character varying(300), "requiresAck" boolean NOT NULL DEFAULT false, "createdAt" TIMESTAMP NOT NULL, "deliveredAt" TIMESTAMP, "readAt" TIMESTAMP, "acknowledgedAt" TIMESTAMP, CONSTRAINT "UQ_248d5a302807a9f31946220d478" UNIQUE ("recipientId", "notificationId"), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_d911c049c3faf7733f9f3060b8" ON "notifications" ("tenantId", "notificationId") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3799c08f7bcf6701f75a364ae7" ON "notifications" ("tenantId", "recipientId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "announcements" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "title" character varying(200) NOT NULL, "body" character varying(500) NOT NULL, "authorId" character varying(36) NOT NULL, "recipients" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_b3ad760876ff2e19d58e05dc8b0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_e9aafc2d00a1b33a83889dd7fc" ON "announcements" ("tenantId", "createdAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "alerts" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "notificationId" character varying(36) NOT NULL, "senderId" character varying(36) NOT NULL, "senderName" character varying(200) NOT NULL, "title" character varying(200) NOT NULL, "body" character varying(500), "escalates" boolean NOT NULL DEFAULT false, "escalationDueAt" TIMESTAMP, "escalatedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_60f895662df096bfcdfab7f4b96" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_84f48880ea3215848fc25ae241" ON "alerts" ("escalationDueAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_b0e0fa1eb4829ec95622727704" ON "alerts" ("tenantId", "createdAt") `);
    await queryRunner.query(
      `CREATE TABLE "message_threads" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "subject" character varying(200) NOT NULL, "patientId" character varying(36), "createdById" character varying(36) NOT NULL, "lastMessageId" character varying(36), "lastActivityAt" TIMESTAMP NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_257a191f664b9470b5d94f98264" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0724e1e74d118e490475ccbc36" ON "message_threads" ("tenantId", "lastActivityAt") `,
    );
    await queryRunner.query(
      `CREATE TABLE "thread_participants" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "threadId" character varying(36) NOT NULL, "userId" character varying(36) NOT NULL, "lastReadMessageId" character varying(36), "lastReadSentAt" TIMESTAMP, CONSTRAINT "PK_2effb0f373e10440228134d53f2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_05ec759bb2558206d64864e9e3" ON "thread_participants" ("tenantId", "userId") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_7c6bff1896b642caa268dbac0a" ON "thread_participants" ("threadId", "userId") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" character varying(36) NOT NULL, "tenantId" character varying(36) NOT NULL, "threadId" character varying(36) NOT NULL, "senderId" character varying(36) NOT NULL, "body" text NOT NULL, "sentAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ce99696f77db12460c265e6319" ON "messages" ("threadId", "sentAt") `);
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_13c2e57cb81b44f062ba24df57d" FOREIGN KEY ("patientId") REFERENCES "patients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "FK_2428e01f899c4edb909e8798b63" FOREIGN KEY ("providerId") REFERENCES "staff_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "prior_auths" ADD CONSTRAINT "FK_e571ba489be619b263dd236069b" FOREIGN KEY ("patientId") REFERENCES "patients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lab_results" ADD CONSTRAINT "FK_ba17bac03c7dfad8a5c5613ff18" FOREIGN KEY ("patientId") REFERENCES "patients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_participants" ADD CONSTRAINT "FK_85d026d70ad129810fcf7a47344" FOREIGN KEY ("threadId") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "thread_participants" ADD CONSTRAINT "FK_3362fd47c9b5589e0cbe7eafe82" FOREIGN KEY ("userId") REFERENCES "staff_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_15f9bd2bf472ff12b6ee20012d0" FOREIGN KEY ("threadId") REFERENCES "message_threads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_2db9cf2b3ca111742793f6c37ce" FOREIGN KEY ("senderId") REFERENCES "staff_members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_2db9cf2b3ca111742793f6c37ce"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_15f9bd2bf472ff12b6ee20012d0"`);
    await queryRunner.query(`ALTER TABLE "thread_participants" DROP CONSTRAINT "FK_3362fd47c9b5589e0cbe7eafe82"`);
    await queryRunner.query(`ALTER TABLE "thread_participants" DROP CONSTRAINT "FK_85d026d70ad129810fcf7a47344"`);
    await queryRunner.query(`ALTER TABLE "lab_results" DROP CONSTRAINT "FK_ba17bac03c7dfad8a5c5613ff18"`);
    await queryRunner.query(`ALTER TABLE "prior_auths" DROP CONSTRAINT "FK_e571ba489be619b263dd236069b"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "FK_2428e01f899c4edb909e8798b63"`);
    await queryRunner.query(`ALTER TABLE "appointments" DROP CONSTRAINT "FK_13c2e57cb81b44f062ba24df57d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ce99696f77db12460c265e6319"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7c6bff1896b642caa268dbac0a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_05ec759bb2558206d64864e9e3"`);
    await queryRunner.query(`DROP TABLE "thread_participants"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0724e1e74d118e490475ccbc36"`);
    await queryRunner.query(`DROP TABLE "message_threads"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b0e0fa1eb4829ec95622727704"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_84f48880ea3215848fc25ae241"`);
    await queryRunner.query(`DROP TABLE "alerts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e9aafc2d00a1b33a83889dd7fc"`);
    await queryRunner.query(`DROP TABLE "announcements"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3799c08f7bcf6701f75a364ae7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_d911c049c3faf7733f9f3060b8"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4075f4b76d896531c7d7740c56"`);
    await queryRunner.query(`DROP TABLE "lab_results"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e0e04a696119a22be73ee3671a"`);
    await queryRunner.query(`DROP TABLE "prior_auths"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e1a8c4b7571cadc108c446283"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_acac04a25b7cbf87b1aff25493"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f354256ce353fd03149a264f13"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e39ebf52a369c7c4260144db80"`);
    await queryRunner.query(`DROP TABLE "patient_view_audit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f64fb316ed0309b89a77966bf0"`);
    await queryRunner.query(`DROP TABLE "appointments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_84b814f9a703403b308835f8cc"`);
    await queryRunner.query(`DROP TABLE "staff_members"`);
    await queryRunner.query(`DROP TABLE "tenants"`);
    await queryRunner.query(`DROP TABLE "patients"`);
  }
}
