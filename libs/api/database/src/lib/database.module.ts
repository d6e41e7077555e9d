import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@derm/api/config';
import { dataSourceOptions } from './data-source-options';

/** The TypeORM connection; each domain module registers its own entities with forFeature. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        autoLoadEntities: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
