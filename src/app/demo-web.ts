/**
 * The demo landlord for `npm start`, seeded once on first start: a small synthetic landlord
 * (src/demo), staff sign-ins for three jobs (a DPO, a housing officer with a patch, a repairs
 * contractor), one resident with an account, a few rights requests at different points of the
 * clock, and a service account for the API. Never in production: main.ts does not call this then.
 * Instances starting together against one database seed it once (web_bootstrap).
 */
import { createRequest } from '../rights/requests/index.ts';
import { generateChunk } from '../demo/generate.ts';
import { DEMO_CONTROLLER } from '../demo/generate.ts';
import { generateDemo } from '../demo/run.ts';
import type { Batch, BatchPerson } from '../records/batch-types.ts';
import { manifestFor, registerController, type Call, type Store } from '../records/store.ts';
import { createServiceAccount, issueApiKey } from '../web/auth/api-keys.ts';
import { createVerifiedResident } from '../web/auth/resident-accounts.ts';
import { createStaffAccount, type NewStaffAccount } from '../web/auth/staff-accounts.ts';

export const DEMO_SEED = 7;
export const DEMO_HOUSEHOLDS = 200;

/** Fixed, public demo credentials: they exist only in a demo store. */
/** The patch the demo's housing officer covers. */
const OFFICER_PATCH = 'north';

export const DEMO_STAFF: (NewStaffAccount & { totpSecret: string; job: string })[] = [
  {
    job: 'Data protection officer',
    username: 'dpo',
    displayName: 'Dana Okafor',
    kind: 'staff',
    // The DPO also sees the equality statistics (counts only: the analyst role cannot read one person's).
    roles: ['data-protection-officer', 'equality-analyst'],
    password: 'demo-dpo-password',
    totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  },
  {
    job: 'Housing officer (north patch)',
    username: 'housing.north',
    displayName: 'Hari Patel',
    kind: 'staff',
    roles: ['housing-officer'],
    patches: [OFFICER_PATCH],
    password: 'demo-housing-password',
    totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
  },
  {
    job: 'Repairs contractor (Acme)',
    username: 'contractor-acme',
    displayName: 'Acme Repairs',
    kind: 'third-party',
    roles: ['repairs-contractor'],
    password: 'demo-contractor-password',
    totpSecret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA',
  },
];

export const DEMO_RESIDENT = { email: 'demo.resident@example.invalid', password: 'demo-resident-password' };

export interface DemoPerson {
  id: string;
  customerRef: string;
  dateOfBirth: string;
  postcode: string;
  /** The patch of the home they live in now, if any. */
  patch?: string | undefined;
}

/** Tenants of the demo landlord with a customer reference, date of birth and postcode, in order. */
export function demoTenants(households = DEMO_HOUSEHOLDS, seed = DEMO_SEED): DemoPerson[] {
  const plan = generateChunk({ households: Math.min(households, 200), seed }, 0);
  const people: BatchPerson[] = plan.batches.flatMap((b) => b.batch.people ?? []);
  const patches = currentPatches(plan.batches.map((b) => b.batch));
  return people
    .filter((p) => p.id && p.subjectTypes.includes('tenant'))
    .filter((p) => ['customerRef', 'dateOfBirth', 'postcode'].every((k) => typeof p.profile[k] === 'string'))
    .map((p) => ({
      id: p.id!,
      customerRef: p.profile.customerRef as string,
      dateOfBirth: p.profile.dateOfBirth as string,
      postcode: p.profile.postcode as string,
      patch: patches.get(p.id!),
    }));
}

/** Each person's patch where they live now (a household member not yet ended), from the plan. */
function currentPatches(batches: readonly Batch[]): Map<string, string> {
  const ofProperty = new Map(batches.flatMap((b) => b.properties ?? []).map((p) => [p.id, p.patch] as const));
  const patches = new Map<string, string>();
  for (const h of batches.flatMap((b) => b.households ?? [])) {
    const patch = ofProperty.get(h.propertyId);
    if (patch) for (const m of h.members) if (!m.endedOn) patches.set(m.personId, patch);
  }
  return patches;
}

export interface DemoSeeded {
  /** Shown once: only its hash is kept. */
  apiKey: string;
}

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Rights requests at different points of the clock, so the dashboard shows red, amber and green. */
async function demoRequests(store: Store, controllerId: string, people: DemoPerson[]): Promise<void> {
  const call: Call = {
    actor: { id: 'custos-demo', kind: 'system', controllerId, roles: [] },
    purpose: 'subject-access',
    channel: 'system',
  };
  const now = store.now();
  const plan = [
    { daysAgo: 40, right: 'access' },
    { daysAgo: 28, right: 'erasure' },
    { daysAgo: 12, right: 'rectification' },
    { daysAgo: 2, right: 'access' },
  ] as const;
  for (const [i, r] of plan.entries()) {
    await createRequest(store, call, {
      controllerId,
      personId: people[i + 1]!.id,
      right: r.right,
      channel: 'email',
      receivedOn: isoDay(new Date(now.getTime() - r.daysAgo * DAY)),
    });
  }
}

/** Fill a store with the demo landlord and its sign-ins (the store must be empty of them). */
export async function seedWebDemo(
  store: Store,
  options: { households?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoSeeded> {
  const households = options.households ?? DEMO_HOUSEHOLDS;
  const manifest = manifestFor(store, DEMO_CONTROLLER);
  const controllerId = manifest.controller.id;
  await generateDemo(store, {
    households,
    seed: DEMO_SEED,
    onProgress: (p) => options.onProgress?.(p.households, p.total),
  });
  await registerController(store.db, manifest);
  const now = store.now();
  for (const s of DEMO_STAFF) await createStaffAccount(store.db, store.keys, manifest, s, now);
  const tenants = demoTenants(households);
  await createVerifiedResident(
    store.db,
    store.keys,
    { controllerId, personId: tenants[0]!.id, ...DEMO_RESIDENT },
    now,
  );
  await demoRequests(store, controllerId, tenants);
  const service = await createServiceAccount(
    store.db,
    manifest,
    {
      name: 'housing-system',
      roles: ['repairs-coordinator', 'lettings-officer'],
      purposes: ['repairs', 'lettings'],
    },
    now,
  );
  return { apiKey: await issueApiKey(store.db, service, now) };
}

export type FirstStart =
  { seeded: true; demo: DemoSeeded } | { seeded: false; reason: 'done' | 'other-instance' };

/**
 * Seed the demo unless this database has it: the first instance to claim the controller's
 * bootstrap row seeds, any other waits for it to finish (up to `waitMs`).
 */
export async function firstStart(
  store: Store,
  options: { households?: number; waitMs?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<FirstStart> {
  const controllerId = DEMO_CONTROLLER;
  await registerController(store.db, manifestFor(store, controllerId));
  const claimed = await store.db.query(
    'insert into web_bootstrap (controller_id, claimed_at) values ($1, $2) on conflict do nothing returning controller_id',
    [controllerId, new Date()],
  );
  if (claimed.length === 0) {
    const deadline = Date.now() + (options.waitMs ?? 120_000);
    while (Date.now() < deadline) {
      const [row] = await store.db.query<{ done_at: Date | null }>(
        'select done_at from web_bootstrap where controller_id = $1',
        [controllerId],
      );
      if (row?.done_at) return { seeded: false, reason: 'done' };
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return { seeded: false, reason: 'other-instance' };
  }
  try {
    const demo = await seedWebDemo(store, options);
    await store.db.query('update web_bootstrap set done_at = $2 where controller_id = $1', [
      controllerId,
      new Date(),
    ]);
    return { seeded: true, demo };
  } catch (error) {
    // Let a later start try again rather than wait on a seed that will never finish.
    await store.db.query('delete from web_bootstrap where controller_id = $1 and done_at is null', [
      controllerId,
    ]);
    throw error;
  }
}

/** Two tenants for the housing officer's tour: one in their patch, one outside it. */
function officerTour(tenants: readonly DemoPerson[]): string[] {
  const inPatch = tenants.find((t) => t.patch === OFFICER_PATCH);
  const outside = tenants.find((t) => t.patch !== undefined && t.patch !== OFFICER_PATCH);
  if (!inPatch || !outside) return [];
  return [
    `  The housing officer covers the ${OFFICER_PATCH} patch: find ${inPatch.customerRef} (in it) or ${outside.customerRef} (outside it: emergency access).`,
  ];
}

/** What `npm start` prints about the demo: where to go and how to sign in. */
export function demoSignIns(publicUrl: string, seeded: FirstStart | undefined): string {
  const tenants = demoTenants();
  const trial = tenants[tenants.length - 1]!;
  const lines = [
    'This is a demonstration with a made-up landlord, Brookvale Homes; every person in it is synthetic.',
    '',
    `Staff sign in at ${publicUrl}/staff/sign-in (a password, then a code from an authenticator app):`,
    ...DEMO_STAFF.map(
      (s) =>
        `  ${s.job.padEnd(30)} username ${s.username.padEnd(16)} password ${s.password.padEnd(26)} TOTP secret ${s.totpSecret}`,
    ),
    '  For a code, add the secret to an authenticator app, or run: npm run totp -- <username>',
    ...officerTour(tenants),
    '',
    `A resident signs in at ${publicUrl}/portal/sign-in: ${DEMO_RESIDENT.email} / ${DEMO_RESIDENT.password}`,
    `To try registering (${publicUrl}/portal/register): customer reference ${trial.customerRef}, date of birth ${trial.dateOfBirth}, postcode ${trial.postcode}`,
    '  The confirmation link is not emailed: in the demo, the “Check your email” page shows it.',
  ];
  if (seeded?.seeded)
    lines.push(
      '',
      `API key of the "housing-system" service account (shown this once): ${seeded.demo.apiKey}`,
      `  API documentation: ${publicUrl}/api/docs`,
    );
  return lines.join('\n');
}
