import {
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NatsContext } from '@nestjs/microservices';
import { AuditTrail } from '../audit/audit-trail';
import { ForbiddenError } from '../problem-details';
import { CredentialRefused } from './credential-directory';
import { Credentials } from './credentials';
import { credentialFromHeaders, requireScope, type Principal } from './principal';

const SCOPE = 'cnscd:scope';
const PUBLIC = 'cnscd:public';
const principals = new WeakMap<object, Principal>();

/** The permission a route or message handler needs. Every handler must declare one or be @Public(). */
export const RequireScope = (scope: string) => SetMetadata(SCOPE, scope);
export const Public = () => SetMetadata(PUBLIC, true);
/** Authenticated, but the permission depends on the message (batch items, NATS subjects): the handler checks it. */
export const ScopeCheckedByHandler = () => SetMetadata(SCOPE, CHECKED_BY_HANDLER);
const CHECKED_BY_HANDLER = '(checked by handler)';
/** Authenticated, and any caller may: what every writer of the commune needs (its list of villages). */
export const AnyCallerOfTheCommune = () => SetMetadata(SCOPE, ANY_CALLER);
const ANY_CALLER = '(any caller of the commune)';

/** The authenticated caller, for HTTP and NATS handlers alike. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = principals.get(carrier(ctx));
  if (!principal) throw new Error('No principal: is the handler missing @RequireScope?');
  return principal;
});

/** Who sent an HTTP request, once the guard has authenticated it (the request log names the organisation). */
export const principalOfRequest = (req: object): Principal | undefined => principals.get(req);

function carrier(ctx: ExecutionContext): object {
  return ctx.getType() === 'rpc'
    ? ctx.switchToRpc().getContext<object>()
    : ctx.switchToHttp().getRequest<object>();
}

function headersOf(ctx: ExecutionContext): Record<string, string | undefined> {
  if (ctx.getType() === 'rpc') {
    const h = ctx.switchToRpc().getContext<NatsContext>().getHeaders();
    return {
      authorization: h?.get('Authorization') || undefined,
      'x-api-key': h?.get('X-Api-Key') || undefined,
    };
  }
  return ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers;
}

function actionOf(ctx: ExecutionContext): { action: string; target: string } {
  if (ctx.getType() === 'rpc') {
    const subject = ctx.switchToRpc().getContext<NatsContext>().getSubject();
    return { action: subject, target: subject };
  }
  const req = ctx.switchToHttp().getRequest<{ method: string; path: string }>();
  return { action: `${req.method} ${req.path}`, target: req.path };
}

/** A credential refused (401) or a scope missing (403) goes on the audit trail; any other error does not. */
function recordRefusal(
  audit: AuditTrail,
  err: unknown,
  where: { action: string; target: string },
  principal?: Principal,
): void {
  if (!(err instanceof CredentialRefused || err instanceof ForbiddenError)) return;
  audit.refused({
    ...(principal ? { principal } : {}),
    ...where,
    status: err instanceof ForbiddenError ? 403 : 401,
    code: err instanceof ForbiddenError ? 'forbidden' : 'unauthenticated',
    reason: err instanceof ForbiddenError ? err.needed : err.reason,
  });
}

/**
 * Authenticates every request and message with a token or key checked locally (Credentials); refuses
 * by default when a handler declares no scope. Every refusal is recorded on the audit trail.
 */
@Injectable()
export class CredentialGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(Credentials) private readonly credentials: Credentials,
    @Inject(AuditTrail) private readonly audit: AuditTrail,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    let principal: Principal | undefined;
    try {
      principal = await this.credentials.authenticate(credentialFromHeaders(headersOf(ctx)));
      const scope = this.reflector.getAllAndOverride<string>(SCOPE, targets);
      if (scope !== CHECKED_BY_HANDLER && scope !== ANY_CALLER)
        requireScope(principal, scope ?? 'undeclared-scope');
    } catch (err) {
      recordRefusal(this.audit, err, actionOf(ctx), principal);
      throw err;
    }
    principals.set(carrier(ctx), principal);
    return true;
  }
}

/**
 * For requests that wait before their route (bulk bodies, `bulkBodiesInTurn`): their credential checked
 * as they arrive, a refusal recorded on the audit trail as the guard records it and thrown (401). The
 * guard checks the request again, with its route's scope, once its turn has come.
 */
export function credentialBeforeWaiting(credentials: Credentials, audit: AuditTrail) {
  return async (req: { method: string; path: string; headers: Record<string, unknown> }): Promise<void> => {
    try {
      await credentials.authenticate(
        credentialFromHeaders(req.headers as Record<string, string | undefined>),
      );
    } catch (err) {
      recordRefusal(audit, err, { action: `${req.method} ${req.path}`, target: req.path });
      throw err;
    }
  };
}
