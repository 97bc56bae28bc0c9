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
import { ApiKeyRegistry, apiKeyFromHeaders, requireScope, type Principal } from './api-keys';

const SCOPE = 'cnscd:scope';
const PUBLIC = 'cnscd:public';
const principals = new WeakMap<object, Principal>();

/** The permission a route or message handler needs. Every handler must declare one or be @Public(). */
export const RequireScope = (scope: string) => SetMetadata(SCOPE, scope);
export const Public = () => SetMetadata(PUBLIC, true);
/** Authenticated, but the permission depends on the message (batch items, NATS subjects): the handler checks it. */
export const ScopeCheckedByHandler = () => SetMetadata(SCOPE, CHECKED_BY_HANDLER);
const CHECKED_BY_HANDLER = '(checked by handler)';

/** The authenticated caller, for HTTP and NATS handlers alike. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = principals.get(carrier(ctx));
  if (!principal) throw new Error('No principal: is the handler missing @RequireScope?');
  return principal;
});

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

/** Authenticates every request and message; refuses by default when a handler declares no scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const principal = this.keys.authenticate(apiKeyFromHeaders(headersOf(ctx)));
    const scope = this.reflector.getAllAndOverride<string>(SCOPE, targets);
    if (scope !== CHECKED_BY_HANDLER) requireScope(principal, scope ?? 'undeclared-scope');
    principals.set(carrier(ctx), principal);
    return true;
  }
}
