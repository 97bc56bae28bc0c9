import { Logger } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { auditSubject, looksLikeCitizenId, type CommandRefused } from '@cnscd/contracts';
import type { Principal } from '../auth/principal';

export interface RefusalInput {
  readonly principal?: Principal;
  /** When there is no principal (a failed sign-in): the commune and user it was about, if known. */
  readonly commune?: string | null;
  readonly actorId?: string | null;
  readonly action: string;
  readonly target?: string | null;
  readonly commandId?: string | null;
  readonly status: number;
  readonly code: string;
  readonly reason?: string | null;
}

const clip = (s: string | null | undefined, max: number) =>
  s == null ? null : looksLikeCitizenId(s) ? '(redacted)' : s.slice(0, max);

/**
 * Records every refused command and every refused credential or permission on the audit stream,
 * for the identity service's audit query. Recording never delays or fails the answer to the caller:
 * a refusal that cannot be published is logged instead.
 */
export class AuditTrail {
  private readonly logger = new Logger('Audit');
  private readonly js: JetStreamClient;

  constructor(
    nc: NatsConnection,
    private readonly service: string,
    private readonly clock: { now(): Date },
  ) {
    this.js = jetstream(nc);
  }

  refused(input: RefusalInput): void {
    const p = input.principal;
    const record: CommandRefused = {
      at: this.clock.now().toISOString(),
      service: this.service,
      commune: p?.commune ?? input.commune ?? null,
      organisationId: p?.organisationId ?? null,
      actorId: p?.actorId ?? input.actorId ?? null,
      credential: p?.credential ?? null,
      action: clip(input.action, 200)!,
      target: clip(input.target, 200),
      commandId: clip(input.commandId, 128),
      status: input.status,
      code: input.code.slice(0, 80),
      reason: clip(input.reason, 120),
    };
    this.js
      .publish(auditSubject(record.commune, this.service), JSON.stringify(record))
      .catch((err: Error) =>
        this.logger.warn(`Refusal not recorded (${record.action} ${record.code}): ${err.message}`),
      );
  }
}
