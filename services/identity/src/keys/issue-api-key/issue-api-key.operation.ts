import { type z } from 'zod';
import { type OrganisationKind } from '@cnscd/contracts';
import { deciderOperation, type Principal } from '@cnscd/service-kit';
import { OrganisationDirectory } from '../../organisations/organisation-directory';
import { newApiKey, common, type WithSecret, IssueApiKeyRequest } from '../key-ring-write-parts';

type IssueInput = z.infer<typeof IssueApiKeyRequest> & WithSecret & { organisationKind?: OrganisationKind };

export const issueApiKey = deciderOperation({
  ...common,
  kind: 'issue-api-key',
  scope: 'identity:members',
  input: IssueApiKeyRequest as z.ZodType<IssueInput>,
  prepare: {
    use: OrganisationDirectory,
    run: async (d: OrganisationDirectory, input: IssueInput, p: Principal) => {
      // The organisation's kind bounds the key's scopes: the decider judges them (ScopeBeyondRole).
      const organisationKind = await d.manageable(p, input.organisationId);
      return { ...input, organisationKind, secret: newApiKey() };
    },
  },
  command: (i) => ({
    type: 'IssueKey' as const,
    organisationKind: i.organisationKind!,
    organisationId: i.organisationId,
    keyId: i.keyId,
    label: i.label,
    role: i.role,
    scopes: i.scopes ?? null,
    sha256: i.secret!.sha256,
  }),
  result: (i) => ({ keyId: i.keyId, apiKey: i.secret!.apiKey }),
});
