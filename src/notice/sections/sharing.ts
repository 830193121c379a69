/** Who we share with, transfers, how long we keep it, and how we keep it safe. */
import { lookup } from '../../manifest/lookup.ts';
import type { Manifest, Recipient } from '../../manifest/schema.ts';
import { TRANSFER_SAFEGUARDS } from '../../manifest/vocabulary/law.ts';
import { describeRetention } from '../describe.ts';
import { joinWords, list, p, type Block, type Section } from '../document.ts';

const ROLE_WORDS: Record<NonNullable<Recipient['role']>, string> = {
  processor: 'works for us under contract and may use it only on our instructions',
  controller: 'uses it for its own purposes as a controller',
  'joint-controller': 'decides with us how it is used (joint controller)',
  'public-authority': 'a public body that uses it for its own functions',
};

function recipientLine(manifest: Manifest, r: Recipient): string {
  const uses = manifest.activities.filter((a) => a.recipients.includes(r.id)).map((a) => a.name);
  const parts = [r.name];
  if (r.description) parts.push(`– ${r.description}`);
  if (r.role) parts.push(`(${ROLE_WORDS[r.role]})`);
  if (uses.length) parts.push(`for: ${joinWords(uses)}.`);
  if (r.notice) parts.push(`Their privacy notice: ${r.notice}`);
  return parts.join(' ');
}

export function whoWeShareWith(manifest: Manifest): Section {
  const orgs = manifest.recipients.filter((r) => r.level === 'organisation');
  const categories = manifest.recipients.filter((r) => r.level === 'category');
  const representatives = manifest.recipients.filter((r) => r.level === 'representative');
  const blocks: Block[] = [p('We share only what is needed, and only where the law allows.')];
  if (categories.length)
    blocks.push(
      p('Types of organisation we share with:'),
      list(categories.map((r) => recipientLine(manifest, r))),
    );
  if (orgs.length)
    blocks.push(p('Organisations we share with by name:'), list(orgs.map((r) => recipientLine(manifest, r))));
  if (representatives.length) {
    blocks.push(
      p('People who may act for you, with your authority:'),
      list(representatives.map((r) => recipientLine(manifest, r))),
    );
  }
  if (manifest.promises.includes('never-sell')) blocks.push(p('We will never sell your personal data.'));
  return { id: 'who-we-share-with', title: 'Who we share it with', blocks };
}

export function transfers(manifest: Manifest): Section {
  const { recipients } = lookup(manifest);
  const rows = manifest.activities.flatMap((a) =>
    a.transfers === 'none'
      ? []
      : a.transfers.map((t) => [
          a.name,
          t.country === 'unspecified' ? 'Not named' : t.country,
          t.recipient ? (recipients.get(t.recipient)?.name ?? t.recipient) : '',
          [t.safeguard ? TRANSFER_SAFEGUARDS[t.safeguard] : 'No safeguard declared', t.detail]
            .filter(Boolean)
            .join('. '),
        ]),
  );
  const blocks: Block[] =
    rows.length === 0
      ? [p('We do not transfer your personal data outside the UK.')]
      : [
          p('Some of your information is transferred outside the UK. Each transfer is protected as shown.'),
          {
            kind: 'table',
            caption: 'Transfers outside the UK',
            head: ['For', 'Country', 'To', 'Safeguard'],
            rows,
          },
        ];
  return { id: 'transfers', title: 'Transfers outside the UK', blocks };
}

const withBasis = (words: string, basis: string | undefined) =>
  basis && !words.includes(basis) ? `${words} (${basis})` : words;

export function howLongWeKeepIt(manifest: Manifest): Section {
  const { retention } = lookup(manifest);
  const rows = manifest.activities.map((a) => {
    const rule = a.retention ? retention.get(a.retention) : undefined;
    return [a.name, rule ? withBasis(describeRetention(manifest, rule), rule.basis) : 'Not stated'];
  });
  const typeRows = manifest.recordTypes
    .filter((t) => t.retention)
    .map((t) => [t.name, describeRetention(manifest, retention.get(t.retention!)!)]);
  return {
    id: 'retention',
    title: 'How long we keep it',
    blocks: [
      p(
        'We keep your information only as long as we need it. Our retention schedule sets how long; when the period ends we delete it, anonymise it or review whether we still need it, as shown.',
      ),
      {
        kind: 'table',
        caption: 'How long we keep information',
        head: ['Information', 'How long'],
        rows: [...rows, ...typeRows],
      },
    ],
  };
}

export function howWeKeepItSafe(manifest: Manifest): Section {
  const n = manifest.notice;
  const blocks: Block[] = [];
  if (n.security.length) blocks.push(list(n.security));
  if (n.storage) blocks.push(p(n.storage));
  const { teams } = lookup(manifest);
  const separate = manifest.recordTypes
    .filter((t) => t.segregated)
    .map(
      (t) =>
        `${t.name} records are kept separate and seen only by ${teams.get(t.segregated!)?.name ?? t.segregated}.`,
    );
  if (separate.length) blocks.push(list(separate));
  const systems = manifest.systems.map((s) => `${s.name}: ${s.location}`);
  if (systems.length) blocks.push(p('Where your information is held:'), list(systems));
  if (blocks.length === 0)
    blocks.push(
      p('We protect your information with technical and organisational measures suited to the risk.'),
    );
  return { id: 'security', title: 'How we keep it safe', blocks };
}
