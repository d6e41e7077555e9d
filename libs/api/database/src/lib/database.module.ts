import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@derm/api/config';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './run-migrations';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity';
import { IdempotentWrites } from './idempotency/idempotent-writes.service';
import { Transactions } from './transactions.service';

/**
 * The TypeORM connection, its units of work (`Transactions`) and exactly-once writes
 * (`IdempotentWrites`), for every module; each domain
 * module registers its own entities with forFeature. On PostgreSQL, pending migrations are
 * applied before anything else uses the connection.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        autoLoadEntities: true,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('TypeORM called the data source factory without options');
        const dataSource = await new DataSource(options).initialize();
        if (dataSource.options.type === 'postgres') await runMigrationsExclusively(dataSource);
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature([IdempotencyKeyEntity]),
  ],
  providers: [Transactions, IdempotentWrites],
  exports: [Transactions, IdempotentWrites],
})
export class DatabaseModule {}
