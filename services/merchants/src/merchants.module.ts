import { EventsExportController } from '@cnscd/service-kit';
import { Module } from '@nestjs/common';
import { BatchHttpController, natsCommandsController } from '@cnscd/service-kit';
import { MerchantImportHttpController } from './imports/merchant-import.http.controller';
import { CommandsHttpController, MERCHANTS_WRITES } from './merchants-operations';
import { PlaceEvaluator } from './queries/place-evaluator';
import { ListMerchantsHandler } from './queries/merchants.query';
import { ListPlacesHandler } from './queries/places.query';
import { OcopProductsHandler } from './queries/ocop-products.query';
import { OrphanOnboardingsHandler } from './queries/orphan-onboardings.query';
import { MerchantsHttpController } from './queries/merchants.http.controller';

/** The merchants service's use cases: every write is a decider operation; every read is a query class its controller calls. */
@Module({
  controllers: [
    EventsExportController,
    CommandsHttpController,
    natsCommandsController('merchants'),
    BatchHttpController,
    MerchantsHttpController,
    MerchantImportHttpController,
  ],
  providers: [
    ...MERCHANTS_WRITES.providers,
    PlaceEvaluator,
    ListMerchantsHandler,
    ListPlacesHandler,
    OcopProductsHandler,
    OrphanOnboardingsHandler,
  ],
})
export class MerchantsModule {}
