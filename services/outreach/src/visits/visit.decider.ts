import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { DigitalTopic, VisitLoggedData } from '@cnscd/contracts';

// ── Events ──────────────────────────────────────────────────────────────────────────────────────
export type VisitLogged = DomainEvent<'VisitLogged', VisitLoggedData>;
export type VisitEvent = VisitLogged;

// ── Commands ────────────────────────────────────────────────────────────────────────────────────
export interface LogVisit {
  readonly type: 'LogVisit';
  readonly visitId: string;
  readonly villageCode: string;
  readonly householdId: string;
  readonly organisationId: string;
  readonly teamMemberId: string | null;
  readonly occurredAt: string;
  readonly topics: readonly DigitalTopic[];
  readonly residentsGuided: readonly string[];
  readonly followUp: { readonly topics: readonly DigitalTopic[]; readonly dueBy: string | null } | null;
  readonly note: string | null;
  /** The server's clock when the command arrived: a visit cannot be logged before it happened. */
  readonly now: string;
}
export type VisitCommand = LogVisit;

// ── State ───────────────────────────────────────────────────────────────────────────────────────
export type VisitState =
  { readonly status: 'unknown' } | { readonly status: 'logged'; readonly visitId: string };

export const initialState = (): VisitState => ({ status: 'unknown' });

export function evolve(state: VisitState, event: VisitEvent): VisitState {
  switch (event.type) {
    case 'VisitLogged':
      return { status: 'logged', visitId: event.data.visitId };
  }
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────────
/** Phones' clocks drift; a visit a few minutes "in the future" is a clock, not a lie. */
const CLOCK_SKEW_MS = 10 * 60_000;

export type VisitRejection = Rejection<'VisitAlreadyLogged' | 'VisitInTheFuture' | 'FollowUpBeforeVisit'>;

export function logVisit(command: LogVisit, state: VisitState): VisitLogged[] | VisitRejection {
  if (state.status === 'logged') {
    return reject('VisitAlreadyLogged', {
      vi: 'Lượt thăm hộ này đã được ghi nhận.',
      en: 'This visit has already been logged.',
    });
  }
  if (Date.parse(command.occurredAt) > Date.parse(command.now) + CLOCK_SKEW_MS) {
    return reject(
      'VisitInTheFuture',
      { vi: 'Thời điểm thăm hộ không thể ở tương lai.', en: 'A visit cannot happen in the future.' },
      'occurredAt',
    );
  }
  if (command.followUp?.dueBy && command.followUp.dueBy < command.occurredAt.slice(0, 10)) {
    return reject(
      'FollowUpBeforeVisit',
      { vi: 'Ngày hẹn quay lại phải sau ngày thăm hộ.', en: 'A follow-up must be due after the visit.' },
      'followUp.dueBy',
    );
  }
  return [
    {
      type: 'VisitLogged',
      data: {
        visitId: command.visitId,
        villageCode: command.villageCode,
        householdId: command.householdId,
        organisationId: command.organisationId,
        teamMemberId: command.teamMemberId,
        topics: unique(command.topics),
        residentsGuided: unique(command.residentsGuided),
        followUp: command.followUp && {
          topics: unique(command.followUp.topics),
          dueBy: command.followUp.dueBy,
        },
        note: command.note,
      },
    },
  ];
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];

export function decide(command: VisitCommand, state: VisitState): VisitEvent[] | VisitRejection {
  switch (command.type) {
    case 'LogVisit':
      return logVisit(command, state);
  }
}

export const visitDecider: Decider<VisitCommand, VisitState, VisitEvent> = { initialState, evolve, decide };
