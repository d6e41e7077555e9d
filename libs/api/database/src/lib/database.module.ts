import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@derm/api/config';
import { dataSourceOptions } from './data-source-options';
import { runMigrationsExclusively } from './run-migrations';
import { Transactions } from './transactions.service';

/**
 * The TypeORM connection and its units of work (`Transactions`, for every module); each domain
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
  ],
  providers: [Transactions],
  exports: [Transactions],
})
export class DatabaseModule {}
