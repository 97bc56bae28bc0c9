import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { OrganisationId } from '@cnscd/contracts';
import {
  CurrentPrincipal,
  OperationRunner,
  RequireScope,
  answerCommand,
  parseInput,
  type Principal,
} from '@cnscd/service-kit';
import { issueApiKey } from '../keys/issue-api-key/issue-api-key.operation';
import { rotateApiKey } from '../keys/rotate-api-key/rotate-api-key.operation';
import { OrganisationDirectory } from '../organisations/organisation-directory';
import { AuditParams, AuditQuery } from './audit/audit-query';
import { DirectoryQuery } from './directory.query';

export const ListParams = z.strictObject({ organisationId: OrganisationId.optional() });
/**
 * Organisations, users and keys of the caller's commune, the audit trail, and the two commands whose
 * answer carries a secret shown once (a new API key).
 */
@Controller('v1')
export class IdentityHttpController {
  constructor(
    private readonly directory: DirectoryQuery,
    private readonly auditTrail: AuditQuery,
    private readonly runner: OperationRunner,
    private readonly organisations: OrganisationDirectory,
  ) {}

  @Get('organisations')
  @RequireScope('identity:members')
  organisationList(@CurrentPrincipal() p: Principal) {
    return this.directory.organisations(p.commune);
  }

  @Get('users')
  @RequireScope('identity:members')
  async userList(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.directory.users(p.commune, await this.visibleOrganisation(p, query));
  }

  @Get('api-keys')
  @RequireScope('identity:members')
  async keyList(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.directory.apiKeys(p.commune, await this.visibleOrganisation(p, query));
  }

  @Post('api-keys')
  @RequireScope('identity:members')
  issueKey(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.withSecretOnce(this.runner.run(issueApiKey, p, body, h), res, h);
  }

  @Post('api-keys/rotations')
  @RequireScope('identity:members')
  rotateKey(
    @CurrentPrincipal() p: Principal,
    @Body() body: unknown,
    @Headers() h: Record<string, string>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.withSecretOnce(this.runner.run(rotateApiKey, p, body, h), res, h);
  }

  @Get('audit')
  @RequireScope('audit:read')
  audit(@CurrentPrincipal() p: Principal, @Query() query: unknown) {
    return this.auditTrail.entries(p.commune, parseInput(AuditParams, query));
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
    headers: Record<string, string>,
  ) {
    const result = await pending;
    answerCommand(res, result as never, headers);
    if (result.status === 'appended') return result;
    // The key was shown when it was made; a resend cannot show it again (only its hash is kept).
    const { apiKey: _secret, ...rest } = result;
    res.setHeader('Idempotent-Replayed', 'true');
    return rest;
  }
}
