/**
 * The gate against the manifest, exhaustively: for every role × record type × purpose of the demo
 * landlord, the decision is computed again here from the manifest's own words and compared.
 */
import { describe, expect, it } from 'vitest';
import { decide, type Actor } from '../../src/access/decide.ts';
import { loadManifest } from '../../src/manifest/validate.ts';

const manifest = loadManifest(new URL('../../examples/demo-landlord.yaml', import.meta.url).pathname, {
  today: '2026-11-23',
});
const now = new Date('2026-11-23T10:00:00Z');

/**
 * What the manifest says a role may see (read) or count (aggregate) of a record type for a purpose,
 * spelt out independently: reading uses the first entry for the type that is not aggregate-only;
 * counting uses every entry for the type.
 */
function expectedFields(
  roleId: string,
  typeId: string,
  purpose: string,
  answering: boolean,
  action: 'read' | 'aggregate' = 'read',
): string[] {
  const role = manifest.roles.find((r) => r.id === roleId)!;
  const type = manifest.recordTypes.find((t) => t.id === typeId)!;
  const activity = manifest.activities.find((a) => a.id === purpose)!;
  if (!role.purposes.includes(purpose) || !type.activities.includes(purpose)) return [];
  // Kept to its team, except while a subject access request is being answered.
  if (type.segregated && !answering && type.segregated !== role.team) return [];
  const entries = role.access.filter((a) => a.recordType === typeId);
  const grants = action === 'aggregate' ? entries : entries.filter((a) => !a.aggregate).slice(0, 1);
  const given = (name: string) => grants.some((g) => g.fields === '*' || g.fields.includes(name));
  return type.fields
    .filter((f) => given(f.name) && activity.categories.includes(f.category))
    .map((f) => f.name);
}

function actorFor(roleId: string): Actor {
  const role = manifest.roles.find((r) => r.id === roleId)!;
  return {
    id: `${roleId}-1`,
    kind: role.kind,
    controllerId: manifest.controller.id,
    roles: [roleId],
    patches: ['north'],
    teams: role.team ? [role.team] : [],
  };
}

const cases = manifest.roles.flatMap((role) =>
  manifest.recordTypes.flatMap((type) =>
    manifest.activities.flatMap((activity) =>
      [false, true].map((answering) => [role.id, type.id, activity.id, answering] as const),
    ),
  ),
);

/** Every case as the gate decides it for an action (the record in the actor's patch, team and jobs). */
function decideCase(
  [roleId, typeId, purpose, answering]: (typeof cases)[number],
  action: 'read' | 'aggregate',
) {
  const actor = actorFor(roleId);
  return decide(manifest, {
    actor,
    purpose,
    action,
    controllerId: manifest.controller.id,
    personId: 'p1',
    recordType: typeId,
    record: { patch: 'north', team: actor.teams?.[0] ?? null, assignedTo: actor.id, closedAt: null },
    answeringAccessRequest: answering,
    now,
  });
}

describe('the gate matches the manifest for every role × record type × purpose', () => {
  it(`covers ${cases.length} combinations`, () => {
    expect(cases.length).toBe(
      manifest.roles.length * manifest.recordTypes.length * manifest.activities.length * 2,
    );
    let allowed = 0;
    let openedForRequest = 0;
    for (const [roleId, typeId, purpose, answering] of cases) {
      const actor = actorFor(roleId);
      const d = decide(manifest, {
        actor,
        purpose,
        action: 'read',
        controllerId: manifest.controller.id,
        personId: 'p1',
        recordType: typeId,
        record: { patch: 'north', team: actor.teams?.[0] ?? null, assignedTo: actor.id, closedAt: null },
        answeringAccessRequest: answering,
        now,
      });
      const expected = expectedFields(roleId, typeId, purpose, answering);
      expect({ roleId, typeId, purpose, answering, fields: d.fields, allowed: d.allowed }).toEqual({
        roleId,
        typeId,
        purpose,
        answering,
        fields: expected,
        allowed: expected.length > 0,
      });
      if (d.allowed) allowed += 1;
      if (d.allowed && answering && expectedFields(roleId, typeId, purpose, false).length === 0)
        openedForRequest += 1;
    }
    // The DPO answering a request reaches support needs and complaints (kept to their teams).
    expect(openedForRequest).toBeGreaterThanOrEqual(2);
    expect(allowed).toBeGreaterThan(0);
    expect(allowed).toBeLessThan(cases.length);
  });

  it('counts (aggregate) wherever it reads, and through aggregate-only entries too', () => {
    let countOnly = 0;
    for (const c of cases) {
      const [roleId, typeId, purpose, answering] = c;
      const d = decideCase(c, 'aggregate');
      const expected = expectedFields(roleId, typeId, purpose, answering, 'aggregate');
      expect({ c, fields: d.fields, allowed: d.allowed }).toEqual({
        c,
        fields: expected,
        allowed: expected.length > 0,
      });
      const read = decideCase(c, 'read');
      // Anything a role may read it may count: counting is never narrower than reading.
      if (read.allowed) expect(d.fields).toEqual(expect.arrayContaining(read.fields));
      if (d.allowed && !read.allowed) {
        countOnly += 1;
        expect(read.reason).toContain('may count');
      }
    }
    // The equality analyst counts equality answers but may read none of them.
    expect(countOnly).toBeGreaterThanOrEqual(1);
  });
});

describe('need-to-know beyond roles', () => {
  const base = {
    purpose: 'tenancy-management',
    action: 'read' as const,
    controllerId: manifest.controller.id,
    personId: 'p1',
    recordType: 'contact-log',
    now,
  };
  const officer = actorFor('housing-officer');

  it('denies by default: no purpose, unknown purpose, unknown type, another controller', () => {
    expect(
      decide(manifest, { ...base, actor: officer, purpose: undefined, record: { patch: 'north' } }).reason,
    ).toBe('no purpose was given');
    expect(
      decide(manifest, { ...base, actor: officer, purpose: 'marketing', record: { patch: 'north' } }).allowed,
    ).toBe(false);
    expect(
      decide(manifest, { ...base, actor: officer, recordType: 'nonsense', record: { patch: 'north' } })
        .allowed,
    ).toBe(false);
    expect(
      decide(manifest, { ...base, actor: { ...officer, controllerId: 'other' }, record: { patch: 'north' } })
        .allowed,
    ).toBe(false);
    expect(
      decide(manifest, { ...base, actor: { ...officer, roles: [] }, record: { patch: 'north' } }).allowed,
    ).toBe(false);
  });

  it('keeps a patch-scoped officer to their patch, unless they break the glass (flagged)', () => {
    expect(decide(manifest, { ...base, actor: officer, record: { patch: 'north' } }).allowed).toBe(true);
    const out = decide(manifest, { ...base, actor: officer, record: { patch: 'south' } });
    expect(out).toMatchObject({ allowed: false, reason: 'the record is not in your patch' });
    const glass = decide(manifest, {
      ...base,
      actor: { ...officer, breakGlass: 'tenant at risk, out of hours' },
      record: { patch: 'south' },
    });
    expect(glass).toMatchObject({ allowed: true, breakGlass: true });
    expect(glass.reason).toContain('tenant at risk');
  });

  it('shows a contractor only jobs assigned to them, only while open, only their fields', () => {
    const contractor = actorFor('repairs-contractor');
    const job = { ...base, actor: contractor, purpose: 'repairs', recordType: 'repair' };
    expect(decide(manifest, { ...job, record: { assignedTo: contractor.id } }).fields).toEqual([
      'description',
      'accessNotes',
      'completedOn',
    ]);
    expect(decide(manifest, { ...job, record: { assignedTo: 'someone-else' } }).allowed).toBe(false);
    expect(
      decide(manifest, { ...job, record: { assignedTo: contractor.id, closedAt: new Date('2026-11-01') } })
        .reason,
    ).toBe('the job is closed');
    expect(
      decide(manifest, {
        ...job,
        actor: { ...contractor, breakGlass: 'curious' },
        record: { assignedTo: 'x' },
      }).allowed,
    ).toBe(false);
    expect(
      decide(manifest, { ...job, recordType: 'person', record: { assignedTo: contractor.id } }).fields,
    ).toEqual(['givenName', 'familyName', 'phone', 'address', 'postcode']);
  });

  it('keeps segregated record types to their own team', () => {
    const support = {
      ...base,
      purpose: 'support',
      recordType: 'support-needs',
      record: { team: 'tenancy-support' },
    };
    expect(decide(manifest, { ...support, actor: actorFor('support-worker') }).allowed).toBe(true);
    expect(
      decide(manifest, { ...support, actor: { ...actorFor('support-worker'), teams: [] } }).allowed,
    ).toBe(false);
    expect(
      decide(manifest, {
        ...support,
        actor: { ...officer, roles: ['housing-officer', 'support-worker'], teams: [] },
      }).allowed,
    ).toBe(false);
  });

  it('stops everything but storage when processing is restricted (Art. 18)', () => {
    const d = decide(manifest, { ...base, actor: officer, record: { patch: 'north' }, restricted: true });
    expect(d).toMatchObject({ allowed: false });
    expect(d.reason).toContain('restricted');
  });

  it('lets a person read only their own records', () => {
    const me: Actor = {
      id: 'resident-1',
      kind: 'subject',
      controllerId: manifest.controller.id,
      roles: [],
      personId: 'p1',
    };
    expect(decide(manifest, { ...base, actor: me }).allowed).toBe(true);
    expect(decide(manifest, { ...base, actor: me, personId: 'p2' }).allowed).toBe(false);
    expect(decide(manifest, { ...base, actor: me, action: 'update' }).allowed).toBe(false);
  });

  it('returns only the fields asked for, and refuses a field the type does not have', () => {
    expect(
      decide(manifest, { ...base, actor: officer, record: { patch: 'north' }, fields: ['summary'] }).fields,
    ).toEqual(['summary']);
    expect(
      decide(manifest, { ...base, actor: officer, record: { patch: 'north' }, fields: ['secret'] }).allowed,
    ).toBe(false);
  });
});

describe('a data subject, for every record type × purpose × action, about themself and another', () => {
  const me: Actor = {
    id: 'resident:1',
    kind: 'subject',
    controllerId: manifest.controller.id,
    roles: [],
    personId: 'p1',
  };
  /** Spelt out from the rule's own words: read what is yours; create on your details to use your rights. */
  function expectedAllowed(typeId: string, purpose: string, action: string, personId: string): boolean {
    const type = manifest.recordTypes.find((t) => t.id === typeId)!;
    if (personId !== 'p1' || !type.activities.includes(purpose)) return false;
    if (action === 'read') return true;
    return action === 'create' && typeId === 'person' && purpose === 'subject-access';
  }
  const subjectCases = manifest.recordTypes.flatMap((type) =>
    manifest.activities.flatMap((activity) =>
      (['read', 'create', 'update'] as const).flatMap((action) =>
        ['p1', 'p2'].map((personId) => [type.id, activity.id, action, personId] as const),
      ),
    ),
  );

  it(`covers ${subjectCases.length} combinations, allowing only the rule's`, () => {
    let creates = 0;
    for (const [typeId, purpose, action, personId] of subjectCases) {
      const d = decide(manifest, {
        actor: me,
        purpose,
        action,
        controllerId: manifest.controller.id,
        personId,
        recordType: typeId,
        // Consent and objections are about what the landlord does, not what people do themselves.
        consents: [],
        now,
      });
      const expected = expectedAllowed(typeId, purpose, action, personId);
      expect({ typeId, purpose, action, personId, allowed: d.allowed }).toEqual({
        typeId,
        purpose,
        action,
        personId,
        allowed: expected,
      });
      if (d.allowed && action === 'create') creates += 1;
    }
    expect(creates).toBe(1);
  });
});

describe('people using their own rights (create on their own details, for the rights purpose)', () => {
  const me: Actor = {
    id: 'resident:1',
    kind: 'subject',
    controllerId: manifest.controller.id,
    roles: [],
    personId: 'p1',
  };
  const own = {
    actor: me,
    purpose: 'subject-access',
    action: 'create' as const,
    controllerId: manifest.controller.id,
    personId: 'p1',
    recordType: 'person',
    now,
  };

  it('allows a person to make a request, name a representative or record consent about themself', () => {
    expect(decide(manifest, own)).toEqual({ allowed: true, fields: [], reason: 'your own rights' });
    // Restriction and objections do not stop people using their rights.
    expect(
      decide(manifest, { ...own, restricted: true, objections: ['subject-access'], consents: [] }).allowed,
    ).toBe(true);
  });

  it("refuses it about another person, with the same words as reading another person's records", () => {
    const d = decide(manifest, { ...own, personId: 'p2' });
    expect(d).toMatchObject({ allowed: false, fields: [] });
    expect(d.reason).toBe('people may read or act on only their own records');
    expect(decide(manifest, { ...own, personId: 'p2', action: 'read' }).reason).toBe(d.reason);
  });

  it('refuses writing any other record type, even their own and for the rights purpose', () => {
    for (const recordType of ['contact-log', 'complaint', 'application']) {
      const d = decide(manifest, { ...own, recordType });
      expect(d.allowed, recordType).toBe(false);
    }
    expect(decide(manifest, { ...own, recordType: 'contact-log' }).reason).toBe(
      'people may read their own records and use their own rights, but not write records',
    );
  });

  it('refuses it for any purpose but the rights purpose', () => {
    for (const purpose of ['tenancy-management', 'newsletters', 'lettings'])
      expect(decide(manifest, { ...own, purpose }).allowed, purpose).toBe(false);
  });

  it('refuses updates of their details: correcting them is a rectification request', () => {
    const d = decide(manifest, { ...own, action: 'update' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toContain('rectification request');
  });

  it('refuses a subject with no person id, or of another controller', () => {
    const nobody: Actor = { ...me, personId: undefined };
    expect(decide(manifest, { ...own, actor: nobody }).allowed).toBe(false);
    expect(decide(manifest, { ...own, actor: nobody, action: 'read' }).allowed).toBe(false);
    expect(decide(manifest, { ...own, actor: { ...me, controllerId: 'other' } }).allowed).toBe(false);
  });
});
