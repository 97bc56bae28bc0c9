import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANISATION_KINDS } from '../adoption';
import { ORGANISATION_CEILINGS, ROLE_NAMES, SCOPES, scopesOf } from './permissions';

describe('the permission model: organisation kind × role → scopes', () => {
  it('lets an analyst only read, whatever the organisation', () => {
    for (const kind of ORGANISATION_KINDS)
      for (const scope of scopesOf(kind, 'analyst')) expect(SCOPES[scope].level).toBe('read');
    expect(scopesOf('culture-society-office', 'analyst')).toContain('indicators:read');
    expect(scopesOf('culture-society-office', 'analyst')).not.toContain('indicators:reports');
  });

  it('lets a village team member log visits and confirm adoptions, but not import lists or file team reports', () => {
    const member = scopesOf('village-team', 'field-member');
    expect(member).toEqual(
      expect.arrayContaining(['outreach:visits:write', 'outreach:adoptions:write', 'training:write']),
    );
    expect(member).not.toContain('outreach:imports');
    expect(member).not.toContain('training:reports');
  });

  it('lets the team leader also import lists and file the team’s reports', () => {
    expect(scopesOf('village-team', 'team-leader')).toEqual(
      expect.arrayContaining(['outreach:imports', 'training:reports']),
    );
  });

  it('never gives a village team what runs the programme, whatever the role', () => {
    const admin = scopesOf('village-team', 'administrator');
    for (const scope of [
      'indicators:configure',
      'indicators:admin',
      'merchants:places',
      'outreach:residents:contact',
    ])
      expect(admin).not.toContain(scope);
  });

  it('lets a bank onboard merchants’ QR codes and confirm payment accounts, not register places or read contacts', () => {
    const officer = scopesOf('bank', 'partner-officer');
    expect(officer).toEqual(expect.arrayContaining(['merchants:onboarding', 'outreach:adoptions:write']));
    expect(officer).not.toContain('merchants:places');
    expect(officer).not.toContain('merchants:write');
    expect(officer).not.toContain('outreach:residents:contact');
  });

  it('keeps erasure, rebuilds and system health for administrators of the Culture–Society Office', () => {
    expect(scopesOf('culture-society-office', 'administrator')).toEqual(
      expect.arrayContaining(['outreach:residents:erase', 'indicators:admin', 'ops:read']),
    );
    expect(scopesOf('culture-society-office', 'office-officer')).not.toContain('outreach:residents:erase');
    expect(scopesOf('culture-society-office', 'office-officer')).toContain('indicators:reports');
  });

  it('lets the commune’s administrators and ops read system health and metrics, nobody else', () => {
    const readers = ORGANISATION_KINDS.filter((k) => scopesOf(k, 'administrator').includes('ops:read'));
    expect(readers.sort()).toEqual(['culture-society-office', 'peoples-committee']);
    for (const kind of ORGANISATION_KINDS) expect(scopesOf(kind, 'analyst')).not.toContain('ops:read');
  });

  it('lets the province read every commune’s roll-up and reports, decide on the reports, manage its own people, and nothing else', () => {
    expect(scopesOf('province-department', 'administrator').sort()).toEqual([
      'identity:members',
      'indicators:province',
      'indicators:read',
      'indicators:review',
    ]);
    expect(scopesOf('province-department', 'analyst')).not.toContain('indicators:review');
  });

  it('lets every organisation’s administrators manage its own people, and only the commune’s offices all accounts and the audit', () => {
    for (const kind of ORGANISATION_KINDS) {
      expect(scopesOf(kind, 'administrator')).toContain('identity:members');
      expect(scopesOf(kind, 'office-officer')).not.toContain('identity:members');
    }
    const commune = ORGANISATION_KINDS.filter((k) =>
      scopesOf(k, 'administrator').includes('identity:organisations'),
    );
    expect(commune.sort()).toEqual(['culture-society-office', 'peoples-committee']);
    const auditors = ORGANISATION_KINDS.filter((k) => scopesOf(k, 'administrator').includes('audit:read'));
    expect(auditors.sort()).toEqual(['culture-society-office', 'peoples-committee']);
  });

  it('gives every kind of organisation a ceiling, and every role some scope in some organisation', () => {
    for (const kind of ORGANISATION_KINDS) expect(ORGANISATION_CEILINGS[kind].length).toBeGreaterThan(0);
    for (const role of ROLE_NAMES)
      expect(ORGANISATION_KINDS.some((kind) => scopesOf(kind, role).length > 0)).toBe(true);
  });
});

describe('docs/permissions.md', () => {
  it('names every scope and every kind of organisation of the model', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/permissions.md'), 'utf8');
    for (const name of [...Object.keys(SCOPES), ...ORGANISATION_KINDS, ...ROLE_NAMES])
      expect(doc).toContain(`\`${name}\``);
  });
});
