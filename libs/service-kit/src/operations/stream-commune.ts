import { CROSS_COMMUNE_SCOPES } from '@cnscd/contracts';
import type { Principal } from '../auth/principal';
import { ForbiddenError } from '../errors';

/**
 * The commune whose stream a write goes to: the caller's own, unless the operation names another
 * (`DeciderOperation.commune`) — allowed only under a scope that reaches every commune (the
 * province's review of a commune's report). Anything else is refused, so a write can never be
 * steered into another commune's stream by its input.
 */
export function streamCommune<Input>(
  op: { readonly scope: string; readonly commune?: (input: Input, principal: Principal) => string },
  input: Input,
  principal: Principal,
): string {
  if (!op.commune) return principal.commune;
  const commune = op.commune(input, principal);
  if (commune !== principal.commune && !CROSS_COMMUNE_SCOPES.includes(op.scope as never))
    throw new ForbiddenError(op.scope);
  return commune;
}
