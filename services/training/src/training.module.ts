import { Module } from '@nestjs/common';
import {
  BatchHttpController,
  DeciderOperationHandler,
  OPERATIONS,
  OperationRunner,
  natsCommandsController,
} from '@cnscd/service-kit';
import { TrainingHttpController } from './queries/training.http.controller';
import { QuietTeamsHandler, SummaryHandler, TeamsHandler } from './queries/training-queries';
import { TeamFigures } from './reports/team-figures';
import { CommandsHttpController, TRAINING_OPERATIONS } from './training-operations';

/** The training service's use cases: every write is a decider operation; reads go through the QueryBus. */
@Module({
  controllers: [
    CommandsHttpController,
    natsCommandsController('training'),
    BatchHttpController,
    TrainingHttpController,
  ],
  providers: [
    OperationRunner,
    { provide: OPERATIONS, useValue: TRAINING_OPERATIONS },
    DeciderOperationHandler,
    TeamFigures,
    TeamsHandler,
    QuietTeamsHandler,
    SummaryHandler,
  ],
})
export class TrainingModule {}
