import { EventsExportController } from '@cnscd/service-kit';
import { Module } from '@nestjs/common';
import { BatchHttpController, natsCommandsController } from '@cnscd/service-kit';
import { AdminHttpController } from './queries/facts/admin.http.controller';
import { CommandsHttpController, INDICATORS_WRITES } from './indicators-operations';
import { FactsStore } from './queries/facts/facts-store';
import {
  ProvinceReportsHttpController,
  ReportsHttpController,
} from './queries/reports/reports.http.controller';
import { IndicatorsHttpController } from './queries/values/indicators.http.controller';
import { VillagesHttpController } from './queries/villages.http.controller';

/** The indicators: the commune's villages, facts from every service's events, values over time, targets, the quarterly report, rebuilds. */
@Module({
  controllers: [
    EventsExportController,
    CommandsHttpController,
    natsCommandsController('indicators'),
    BatchHttpController,
    IndicatorsHttpController,
    ReportsHttpController,
    ProvinceReportsHttpController,
    AdminHttpController,
    VillagesHttpController,
  ],
  providers: [...INDICATORS_WRITES.providers, FactsStore],
  exports: [FactsStore],
})
export class IndicatorsModule {}
