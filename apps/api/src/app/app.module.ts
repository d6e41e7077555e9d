import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ApiDocsModule } from '@derm/api/api-docs';
import { AppointmentsModule } from '@derm/api/appointments';
import { AuthModule } from '@derm/api/auth';
import { AppConfig, AppConfigModule } from '@derm/api/config';
import { DatabaseModule } from '@derm/api/database';
import { DemoDataModule } from '@derm/api/demo-data';
import { DomainEventsModule } from '@derm/api/events';
import { HealthModule } from '@derm/api/health';
import { LoggingModule } from '@derm/api/logging';
import { MessagingModule } from '@derm/api/messaging';
import { MetricsModule } from '@derm/api/metrics';
import { NotificationProducersModule } from '@derm/api/notification-producers';
import { NotificationsModule } from '@derm/api/notifications';
import { OperationsModule } from '@derm/api/operations';
import { PatientsModule } from '@derm/api/patients';
import { PresenceModule } from '@derm/api/presence';
import { RealtimeModule } from '@derm/api/realtime';
import { RedisModule } from '@derm/api/redis';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    DatabaseModule,
    RedisModule,
    DomainEventsModule,
    ServeStaticModule.forRootAsync({
      inject: [AppConfig],
      useFactory: ({ portalDist }: AppConfig) =>
        portalDist && existsSync(portalDist)
          ? [
              {
                rootPath: resolve(portalDist),
                exclude: ['/api/{*path}', '/health/{*path}', '/metrics', '/socket.io/{*path}'],
              },
            ]
          : [],
    }),
    AuthModule,
    RealtimeModule,
    HealthModule,
    MetricsModule,
    PatientsModule,
    AppointmentsModule,
    MessagingModule,
    PresenceModule,
    NotificationsModule,
    NotificationProducersModule,
    OperationsModule,
    DemoDataModule,
    ApiDocsModule,
  ],
})
export class AppModule {}
