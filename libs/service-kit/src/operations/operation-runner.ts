import { Inject, Injectable } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import { contextOf, inSpan, type TraceContext } from '@cnscd/event-store';
import { AuditTrail } from '../audit/audit-trail';
import { header, safeTraceHeaders } from '../http/command-context';
import { log } from '../observability/log';
import { commands } from '../observability/metrics';
import { requireScope, type Principal } from '../auth/principal';
import {
  ForbiddenError,
  InputValidationError,
  UnknownVillageError,
  isFailure,
  toProblem,
} from '../problem-details';
import { CLOCK, type Clock } from '../service/tokens';
import { Villages, dayOfWrite } from '../villages/villages';
import { parseInput } from '../zod-input';
import { DeciderOperationExecutor, type ExecuteOptions } from './decider-operation';
import type { Operation, OperationResult, RequestHeaders } from './operation';
import { prefersRespondAsync } from './respond-async';
import { writeSequence, type WriteSequence } from './write-sequence';

export type { WriteSequence } from './write-sequence';

/** The service's writes by kind (`log-visit`, `register-merchant`, …): batches, NATS and imports look them up here. */
export const OPERATIONS = Symbol('OPERATIONS');
export type OperationRegistry = Readonly<Record<string, Operation>>;

export const operationRegistry = (...operations: Operation<unknown, OperationResult>[]): OperationRegistry =>
  Object.fromEntries(operations.map((op) => [op.kind, op as Operation]));

@Injectable()
export class OperationRunner {
  constructor(
    @Inject(DeciderOperationExecutor) private readonly executor: DeciderOperationExecutor,
    @Inject(OPERATIONS) readonly operations: OperationRegistry,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
    @Inject(Villages) private readonly villages: Villages,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Checks the permission, validates the input (its form, then the villages it names against the
   * commune's register), and carries the write out (one path for every write: no command bus). A refusal (no permission, invalid input, an
   * unknown village, a rule the decider enforces, a conflict) is recorded on the audit trail. A caller
   * that sent `Prefer: respond-async` is answered once the command is appended, without read-your-writes.
   */
  run<R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
    options: ExecuteOptions = {},
  ): Promise<R> {
    // A NATS request's command is the server side of the caller's span; an HTTP one, inside the request's.
    const kind =
      typeof (headers as { get?: unknown }).get === 'function' ? SpanKind.SERVER : SpanKind.INTERNAL;
    const span = {
      kind,
      attributes: { 'cnscd.command': operation.kind, 'cnscd.commune': principal.commune },
    };
    return inSpan(
      `command ${operation.kind}`,
      span,
      () => contextOf(traceHeadersIn(headers)),
      () =>
        this.runTraced(operation, principal, raw, headers, {
          ...options,
          ...(prefersRespondAsync(headers) ? { readYourWrites: false } : {}),
        }),
    );
  }

  private async runTraced<R extends OperationResult>(
    operation: Operation<unknown, R>,
    principal: Principal,
    raw: unknown,
    headers: RequestHeaders,
    options: ExecuteOptions,
  ): Promise<R> {
    let input: unknown;
    try {
      requireScope(principal, operation.scope);
      input = await this.validate(operation, principal, raw);
      const result = (await this.executor.execute(
        operation.definition,
        principal,
        input as never,
        headers,
        options,
      )) as R;
      commands.inc({ command: operation.kind, outcome: 'accepted', reason: '' });
      return result;
    } catch (err) {
      const problem = toProblem(err);
      commands.inc({ command: operation.kind, outcome: 'refused', reason: problem.code });
      // One line per refusal or failure: what, why, for whom — never the input (it may hold personal data).
      const failed = isFailure(problem);
      log()[failed ? 'error' : 'warn'](
        {
          command: operation.kind,
          status: problem.status,
          code: problem.code,
          commune: principal.commune,
          organisation: principal.organisationId,
          trace_id: traceIdOf(headers),
        },
        failed ? 'command failed' : 'command refused',
      );
      if (problem.status < 500)
        this.audit.refused({
          principal,
          action: operation.kind,
          target: targetOf(operation, input, principal),
          commandId: commandIdOf(raw),
          status: problem.status,
          code: problem.code,
          reason: err instanceof ForbiddenError ? err.needed : null,
        });
      throw err;
    }
  }

  /** Many writes in a given order, run at once (a batch's items, an import's rows): see `writeSequence`. */
  sequence(): WriteSequence {
    return writeSequence(
      (operation, principal, raw, headers, turn) =>
        this.run(operation, principal, raw, headers, { readYourWrites: false, turn }),
      (operation, position) => this.executor.projected(operation.definition, position),
    );
  }

  /** Every field at fault in one answer: malformed ones (400), or else unknown villages (422). */
  private async validate(operation: Operation, principal: Principal, raw: unknown): Promise<unknown> {
    let input: unknown;
    let invalid: InputValidationError | undefined;
    try {
      input = parseInput(operation.input, raw);
    } catch (err) {
      if (!(err instanceof InputValidationError)) throw err;
      invalid = err;
    }
    const day = invalid ? dayOfWrite(raw, this.clock.now()) : dayOfWrite(input, this.clock.now(), true);
    const villages = await this.villages.refusals(operation.input, raw, principal.commune, day);
    if (invalid)
      throw villages.length > 0 ? new InputValidationError([...invalid.errors, ...villages]) : invalid;
    if (villages.length > 0) throw new UnknownVillageError(villages);
    return input;
  }
}

/** The request's W3C trace headers (made safe by `observeRequests` for HTTP; here again for NATS). */
const traceHeadersIn = (headers: RequestHeaders): TraceContext | undefined => {
  const [traceparent, tracestate] = safeTraceHeaders(
    header(headers, 'traceparent'),
    header(headers, 'tracestate'),
  );
  return traceparent ? { traceparent, ...(tracestate ? { tracestate } : {}) } : undefined;
};

/** The trace id of the request. */
const traceIdOf = (headers: RequestHeaders): string | undefined => {
  const parent = traceHeadersIn(headers)?.traceparent;
  return parent && /^00-[0-9a-f]{32}-/.test(parent) ? parent.slice(3, 35) : undefined;
};

const commandIdOf = (raw: unknown): string | null => {
  const id = (raw as { commandId?: unknown } | null)?.commandId;
  return typeof id === 'string' ? id : null;
};

function targetOf(operation: Operation, input: unknown, principal: Principal): string | null {
  try {
    return input === undefined ? null : (operation.target?.(input, principal) ?? null);
  } catch {
    return null;
  }
}
