import { z } from 'zod';
import { Instant } from '../identifiers';

/**
 * A command or request a service refused, published on `cnscd.audit.<commune>.<service>` (stream
 * CNSCD_AUDIT; `none` when no credential named a commune). Accepted commands need no such record:
 * their events carry the actor. No request data is kept, only who, what, where and why.
 */
export const CommandRefusedV1 = z.object({
  at: Instant,
  service: z.string().max(40),
  commune: z
    .string()
    .regex(/^[0-9]{5}$/)
    .nullable(),
  organisationId: z.string().max(64).nullable(),
  actorId: z.string().max(64).nullable(),
  credential: z.enum(['user', 'api-key']).nullable(),
  /** The operation kind (`log-visit`), else `GET /v1/visits` or the NATS subject. */
  action: z.string().max(200),
  /** The aggregate the command was about when it could be told, else the path or subject. */
  target: z.string().max(200).nullable(),
  commandId: z.string().max(128).nullable(),
  status: z.number().int().min(100).max(599),
  /** The problem code (`forbidden`, `unauthenticated`, `invalid-input`, a decider's rejection code). */
  code: z.string().max(80),
  /** For refused credentials: why (`expired-token`, `revoked-key`, …); for missing permissions, the scope. */
  reason: z.string().max(120).nullable(),
});
export type CommandRefused = z.infer<typeof CommandRefusedV1>;

export const AUDIT_STREAM = 'CNSCD_AUDIT';
export const AUDIT_SUBJECT_PREFIX = 'cnscd.audit';
export const auditSubject = (commune: string | null, service: string) =>
  `${AUDIT_SUBJECT_PREFIX}.${commune ?? 'none'}.${service}`;
