import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  ApiKeyIssuedV1,
  CommuneCode,
  ORGANISATION_KINDS,
  OrganisationId,
  OrganisationRegisteredV1,
  ROLE_NAMES,
  SCOPE_NAMES,
} from '@cnscd/contracts';
import { Username } from '../../sessions/passwords';

/** What a bootstrap file holds (hashes only), checked before anything is recorded. */
const BootstrapFile = z
  .strictObject({
    organisations: z.array(
      z.strictObject({
        commune: CommuneCode,
        organisationId: OrganisationId,
        kind: z.enum(ORGANISATION_KINDS),
        name: OrganisationRegisteredV1.shape.name,
        villageCode: OrganisationRegisteredV1.shape.villageCode,
      }),
    ),
    users: z
      .array(
        z.strictObject({
          commune: CommuneCode,
          organisationId: OrganisationId,
          username: Username,
          role: z.enum(ROLE_NAMES),
          /** An argon2id hash (`npm run identity -- hash-password`); never a password. */
          passwordHash: z.string().startsWith('$argon2id$'),
        }),
      )
      .default([]),
    apiKeys: z
      .array(
        z.strictObject({
          commune: CommuneCode,
          organisationId: OrganisationId,
          keyId: ApiKeyIssuedV1.shape.keyId,
          label: ApiKeyIssuedV1.shape.label,
          role: z.enum(ROLE_NAMES),
          scopes: z.array(z.enum(SCOPE_NAMES)).optional(),
          sha256: ApiKeyIssuedV1.shape.sha256,
        }),
      )
      .default([]),
  })
  .superRefine((file, ctx) => {
    // A user or key of an organisation nobody registered would authenticate nowhere: say so at start.
    const known = new Set(file.organisations.map((o) => `${o.commune}/${o.organisationId}`));
    for (const list of ['users', 'apiKeys'] as const)
      file[list].forEach((entry, i) => {
        if (!known.has(`${entry.commune}/${entry.organisationId}`))
          ctx.addIssue({
            code: 'custom',
            path: [list, i, 'organisationId'],
            message: `organisation ${entry.organisationId} of commune ${entry.commune} is not in "organisations"`,
          });
      });
  });
export type BootstrapFile = z.input<typeof BootstrapFile>;

export function readBootstrapFile(path: string) {
  const parsed = BootstrapFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Bootstrap file ${path} is invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}
