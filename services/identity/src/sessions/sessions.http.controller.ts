import { Body, Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { z } from 'zod';
import { CommuneCode } from '@cnscd/contracts';
import { CLOCK, Public, TooManyAttemptsError, parseInput, type Clock } from '@cnscd/service-kit';
import { Username } from './passwords';
import { Sessions } from './sessions';
import { SignInThrottle } from './sign-in-throttle';
import { TokenIssuer } from './token-issuer';

export const SignInRequest = z
  .strictObject({ commune: CommuneCode, username: Username, password: z.string().min(1).max(200) })
  .meta({ id: 'SignInRequest' });
export const RefreshRequest = z
  .strictObject({ refreshToken: z.string().min(10).max(200) })
  .meta({ id: 'RefreshRequest' });
export const SessionResponse = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int(),
    refreshToken: z.string(),
    user: z.object({
      userId: z.string(),
      commune: z.string(),
      organisationId: z.string(),
      role: z.string(),
      organisationKind: z.string(),
      organisationName: z.string(),
      /** A village team's village: the field app starts there. */
      villageCode: z.string().nullable(),
      /** What the user may do (docs/permissions.md): for showing only what they can use. */
      scopes: z.array(z.string()),
    }),
  })
  .meta({ id: 'SessionResponse' });

/** Sign-in for people. Public by nature; refusals and lock-outs are recorded on the audit trail. */
@Controller()
export class SessionsHttpController {
  constructor(
    private readonly sessions: Sessions,
    @Inject(TokenIssuer) private readonly issuer: TokenIssuer,
    private readonly throttle: SignInThrottle,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Attempts per client address are limited (`SIGN_IN_PER_MINUTE`), before any password is checked. */
  @Post('v1/sessions')
  @Public()
  @HttpCode(200)
  signIn(@Body() body: unknown, @Req() req: Request) {
    const wait = this.throttle.take(req.ip ?? 'unknown', this.clock.now().getTime());
    if (wait > 0) throw new TooManyAttemptsError(wait);
    const { commune, username, password } = parseInput(SignInRequest, body);
    return this.sessions.signIn(commune, username, password);
  }

  @Post('v1/sessions/refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() body: unknown) {
    return this.sessions.refresh(parseInput(RefreshRequest, body).refreshToken);
  }

  @Post('v1/sessions/sign-out')
  @Public()
  @HttpCode(204)
  async signOut(@Body() body: unknown) {
    await this.sessions.signOut(parseInput(RefreshRequest, body).refreshToken);
  }

  /** The token signing keys, for systems outside the deployment; the services read them from the stream. */
  @Get('.well-known/jwks.json')
  @Public()
  jwks() {
    return this.issuer.jwks();
  }
}
