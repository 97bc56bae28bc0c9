import { Body, Controller, Get, Headers, Inject, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { OrganisationId } from '@cnscd/contracts';
import type { ReadModelDatabase } from '@cnscd/read-model';
import {
  CurrentPrincipal,
  OperationRunner,
  READ_MODEL,
  RequireScope,
  httpStatusOf,
  parseInput,
  type Principal,
} from '@cnscd/service-kit';
import type { IdentityDatabase } from '../infrastructure/read-model';
import { issueApiKey } from '../keys/issue-api-key/issue-api-key.operation';
import { rotateApiKey } from '../keys/rotate-api-key/rotate-api-key.operation';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { AuditParams, auditEntries } from './audit/audit-query';

export const ListParams = z.strictObject({ organisationId: OrganisationId.optional() });
/**
 * Organisations, users and keys of the caller's commune, the audit trail, and the two commands whose
 * answer carries a secret shown once (a new API key).
 */
@Controller('v1')
export class IdentityHttpController {
  constructor(
    @Inject(READ_MODEL) private readonly rm: ReadModelDatabase<IdentityDatabase>,
    private readonly runner: OperationRunner,
    private readonly organisations: OrganisationDirectory,
  ) {}

  @Get('organisations')
  @RequireScope('identity:members')
  organisationList(@CurrentPrincipal() p: Principal) {
    return this.rm.db
      .selectFrom('organisations')
      .select(['organisation_id as organisationId', 'kind', 'name'])
      .where('commune', '=', p.commune)
      .orderBy('organisation_id')
      .execute();
  }

  @Get('users')
  @RequireScope('identity:members')
  async userList(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const organisationId = await this.visibleOrganisation(p, query);
    return this.rm.db
      .selectFrom('users')
      .innerJoin('accounts', 'accounts.user_id', 'users.user_id')
      .select([
        'users.user_id as userId',
        'users.organisation_id as organisationId',
        'accounts.username',
        'users.role',
        'users.disabled',
      ])
      .where('users.commune', '=', p.commune)
      .$if(organisationId !== null, (q) => q.where('users.organisation_id', '=', organisationId!))
      .orderBy('accounts.username')
      .execute();
  }

  @Get('api-keys')
  @RequireScope('identity:members')
  async keyList(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    const organisationId = await this.visibleOrganisation(p, query);
    return this.rm.db
      .selectFrom('api_keys')
      .select([
        'key_id as keyId',
        'organisation_id as organisationId',
        'label',
        'role',
        'scopes',
        'issued_at as issuedAt',
        'revoked_from as revokedFrom',
        'replaced_by as replacedBy',
      ])
      .where('commune', '=', p.commune)
      .$if(organisationId !== null, (q) => q.where('organisation_id', '=', organisationId!))
      .orderBy('issued_at')
      .execute();
  }

  @Post('api-keys')
  @RequireScope('identity:members')
  issueKey(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.withSecretOnce(this.runner.run(issueApiKey, p, body, h), res);
  }

  @Post('api-keys/rotations')
  @RequireScope('identity:members')
  rotateKey(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.withSecretOnce(this.runner.run(rotateApiKey, p, body, h), res);
  }

  @Get('audit')
  @RequireScope('audit:read')
  audit(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return auditEntries(this.rm.db, p.commune, parseInput(AuditParams, query));
  }

  private async visibleOrganisation(p: Principal, query: unknown): Promise<string | null> {
    const { organisationId } = parseInput(ListParams, query);
    if (organisationId) {
      await this.organisations.manageable(p, organisationId);
      return organisationId;
    }
    return p.scopes.includes('identity:organisations') ? null : p.organisationId;
  }

  private async withSecretOnce(
    pending: Promise<{ status: string; apiKey?: string } & object>,
    res: Response,
  ) {
    const result = await pending;
    res.status(httpStatusOf(result as never));
    if (result.status === 'appended') return result;
    // The key was shown when it was made; a resend cannot show it again (only its hash is kept).
    const { apiKey: _secret, ...rest } = result;
    res.setHeader('Idempotent-Replayed', 'true');
    return rest;
  }
}
