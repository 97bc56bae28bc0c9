import { EventsExportController } from '@cnscd/service-kit';
import { Module } from '@nestjs/common';
import { BatchHttpController, natsCommandsController } from '@cnscd/service-kit';
import { TrainingHttpController } from './queries/training.http.controller';
import { QuietTeamsHandler } from './queries/quiet-teams.query';
import { SummaryHandler } from './queries/village-summary.query';
import { TeamReportsQuery } from './queries/team-reports.query';
import { TeamsHandler } from './queries/teams.query';
import {
  MemberContactHttpController,
  MemberContacts,
} from './teams/member-contact/member-contact.http.controller';
import { TeamFigures } from './team-reports/team-figures';
import { CommandsHttpController, TRAINING_WRITES } from './training-operations';

/** The training service's use cases: every write is a decider operation; every read is a query class its controller calls. */
@Module({
  controllers: [
    EventsExportController,
    CommandsHttpController,
    natsCommandsController('training'),
    BatchHttpController,
    TrainingHttpController,
    MemberContactHttpController,
  ],
  providers: [
    ...TRAINING_WRITES.providers,
    TeamFigures,
    TeamsHandler,
    QuietTeamsHandler,
    SummaryHandler,
    TeamReportsQuery,
    MemberContacts,
  ],
})
export class TrainingModule {}
