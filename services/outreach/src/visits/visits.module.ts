import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LogVisitHandler } from './log-visit/log-visit.handler';
import { LogVisitHttpController } from './log-visit/log-visit.http.controller';
import { LogVisitNatsController } from './log-visit/log-visit.nats.controller';
import { GetVisitHandler, ListVisitsHandler } from './visit-queries/visit-queries';
import { VisitsHttpController } from './visit-queries/visits.http.controller';

@Module({
  imports: [CqrsModule],
  controllers: [LogVisitHttpController, LogVisitNatsController, VisitsHttpController],
  providers: [LogVisitHandler, GetVisitHandler, ListVisitsHandler],
})
export class VisitsModule {}
