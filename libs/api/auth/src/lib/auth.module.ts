import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@derm/api/config';
import { AccessTokenService } from './access-token.service';
import { AccountDirectory } from './accounts/account-directory.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { HttpAuthGuard } from './http/http-auth.guard';
import { RetryAfterFilter } from './http/retry-after.filter';
import { RestBudgetGuard } from './http/rest-budget.guard';
import { RestBudgets } from './http/rest-budgets.service';
import { PublicDocumentBudget } from './http/public-document-budget';
import { RestTurnGuard } from './http/rest-turn.guard';
import { RestTurns } from './http/rest-turns.service';
import { AnonymousBodyGate } from './http/anonymous-body-gate';
import { AnonymousRefusalFilter } from './http/anonymous-refusal.filter';
import { AnonymousRefusals } from './http/anonymous-refusals.service';
import { PermissionGuard } from './http/permission.guard';
import { RevokedSessionEntity } from './sessions/revoked-session.entity';
import { RevokedSessions } from './sessions/revoked-sessions.service';
import { SessionChanges } from './sessions/session-changes.service';
import { SessionChecker } from './sessions/session-checker.service';
import { PasswordHasher } from './sign-in/password-hasher.service';
import { SignInThrottle } from './sign-in/sign-in-throttle.service';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffAdministration } from './staff/staff-administration.service';
import { StaffController } from './staff/staff.controller';
import { StaffDirectory } from './staff-directory.service';
import { TenantDirectory } from './tenant-directory.service';
import { TenantEntity } from './tenant.entity';

/** Identity: clinics, staff, sign-in, sessions and tokens. Global because every domain authenticates. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([TenantEntity, StaffMemberEntity, RevokedSessionEntity]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const { secret, issuer, audience, algorithm } = config.jwt;
        return {
          // A key object built once: given the string, jsonwebtoken first tries to parse it as a
          // public key on every verification (milliseconds per handshake and per request).
          secret: createSecretKey(Buffer.from(secret, 'utf8')),
          signOptions: { issuer, audience, algorithm },
          verifyOptions: { issuer, audience, algorithms: [algorithm] },
        };
      },
    }),
  ],
  controllers: [AuthController, StaffController],
  providers: [
    AccessTokenService,
    AuthService,
    TenantDirectory,
    StaffDirectory,
    StaffAdministration,
    AccountDirectory,
    RevokedSessions,
    SessionChecker,
    SessionChanges,
    PasswordHasher,
    SignInThrottle,
    RestTurns,
    RestBudgets,
    PublicDocumentBudget,
    AnonymousRefusals,
    AnonymousBodyGate,
    // In this order: who the caller is, their turn among their own requests (so that even their
    // refusals wait behind their own), what their role may do, then their read or write budget.
    { provide: APP_GUARD, useClass: HttpAuthGuard },
    { provide: APP_GUARD, useClass: RestTurnGuard },
    { provide: APP_GUARD, useClass: PermissionGuard },
    { provide: APP_GUARD, useClass: RestBudgetGuard },
    { provide: APP_FILTER, useClass: RetryAfterFilter },
    { provide: APP_FILTER, useClass: AnonymousRefusalFilter },
  ],
  exports: [
    AccessTokenService,
    SessionChecker,
    TenantDirectory,
    StaffDirectory,
    PasswordHasher,
    RestTurns,
    PublicDocumentBudget,
    AnonymousBodyGate,
  ],
})
export class AuthModule {}
