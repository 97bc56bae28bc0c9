import { AdoptionPolicyHttpController } from './queries/adoption-policy.http.controller';
import { EventsExportController } from '@cnscd/service-kit';
import { Module } from '@nestjs/common';
import { HouseholdViewHandler } from './queries/household-view.query';
import { ImportsHttpController } from './imports/imports.http.controller';
import { GetResidentHandler, ListResidentsHandler, ResidentStatusHandler } from './queries/resident-queries';
import { ResidentsHttpController } from './queries/residents.http.controller';
import { WorklistHandler } from './queries/worklist.query';
import { BatchHttpController, natsCommandsController } from '@cnscd/service-kit';
import { CommandsHttpController, OUTREACH_WRITES } from './outreach-operations';
import { ResidentShell } from './residents/resident-shell';
import { GetVisitHandler, ListVisitsHandler } from './queries/visit-queries';
import { VisitsHttpController } from './queries/visits.http.controller';

/** The outreach service's use cases. Each handler lives in its use case's folder. */
@Module({
  controllers: [
    EventsExportController,
    CommandsHttpController,
    natsCommandsController('outreach'),
    BatchHttpController,
    VisitsHttpController,
    ResidentsHttpController,
    AdoptionPolicyHttpController,
    ImportsHttpController,
  ],
  providers: [
    ...OUTREACH_WRITES.providers,
    ResidentShell,
    GetVisitHandler,
    ListVisitsHandler,
    ListResidentsHandler,
    GetResidentHandler,
    ResidentStatusHandler,
    HouseholdViewHandler,
    WorklistHandler,
  ],
})
export class OutreachModule {}
