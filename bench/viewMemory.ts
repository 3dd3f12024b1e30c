/**
 * What the server's phone views (shared/doc/phoneView.ts, server/rooms/phoneViews.ts) cost
 * in heap, in-process, no server:
 * - a session document with N accepted ripples (N = 100, 300, 1000), added by participants
 *   p0..p29 and accepted by the facilitator;
 * - the 30 participants' views of it (`viewDocument`), per view and per ripple per view,
 *   and how big one view encodes;
 * - the load bench's case (`bench/load/compare.ts --lean-phones`): 1,500 views (50 sessions
 *   × 30 phones) each holding the session meta and 12 of its phone's own waiting ripples,
 *   applied as the phone sends them (its document's updates applied to the view).
 * A view written from the session shares the session's strings (texts, names), as the
 * server's views do; a view filled from a phone's updates holds strings of its own.
 * Heap is read after two full collections, with what is measured still referenced.
 * Run: node --expose-gc --import tsx bench/viewMemory.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { addRipple, initSession, setRippleStatus } from '../shared/doc/commands';
import { viewDocument } from '../shared/doc/phoneView';
import type { Actor } from '../shared/model/ripple';
import { Y } from '../tests/helpers/yjs';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) {
  console.error(
    'viewMemory.ts needs the collector exposed: node --expose-gc --import tsx bench/viewMemory.ts',
  );
  process.exit(1);
}
const heap = (): number => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

const SESSION_SIZES = [100, 300, 1000];
const PARTICIPANTS = 30;
const LOAD_SESSIONS = 50;
const OWN_RIPPLES = 12;
const START = Date.UTC(2026, 11, 8, 9, 0, 0);

// Dutch ripple texts of 60–120 characters from the classifier's corpus.
const corpus = (name: string): string[] =>
  (
    JSON.parse(readFileSync(new URL(`../tests/shared/classifier/${name}`, import.meta.url), 'utf8')) as {
      text: string;
    }[]
  ).map((item) => item.text);
const texts = [...corpus('dev.corpus.json'), ...corpus('heldout.corpus.json')].filter(
  (text) => text.length >= 60 && text.length <= 120,
);
const NAMES = ['Anouk', 'Bram', 'Fatima', 'Joost', 'Lieke', 'Mehmet', 'Noor', 'Ruud', 'Sanne', 'Wim'];
/**
 * Text number `n`, as a string of its own: in the server each ripple's text is decoded from
 * an update, so no two ripples share one string.
 */
const textFor = (n: number): string => Buffer.from(texts[n % texts.length] as string).toString();
const nameFor = (i: number): string => Buffer.from(`${NAMES[i % NAMES.length]} ${i}`).toString();

const facilitator: Actor = { role: 'facilitator', id: 'facilitator' };
const participant = (i: number): Actor => ({ role: 'participant', id: `p${i}` });

const check = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }, what: string): T => {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result.error)}`);
  return result.value;
};

function newSession(title: string): Y.Doc {
  const doc = new Y.Doc();
  check(initSession(doc, { title }, START), 'initSession');
  return doc;
}

/** A session with `count` ripples, each added by one of the participants and accepted. */
function acceptedSession(count: number): Y.Doc {
  const doc = newSession('Buurtkracht');
  for (let n = 0; n < count; n++) {
    const i = n % PARTICIPANTS;
    const at = START + n * 10_000;
    const ripple = check(
      addRipple(doc, participant(i), { text: textFor(n), authorName: nameFor(i) }, { now: at }),
      'addRipple',
    );
    check(setRippleStatus(doc, facilitator, ripple.id, 'accepted', at + 5_000), 'setRippleStatus');
  }
  return doc;
}

interface Row {
  what: string;
  docs: number;
  ripples: number;
  bytes: number;
  encoded: number;
}

/**
 * The session with `size` accepted ripples, then its participants' views. Each measurement
 * runs in a function of its own: a document the top-level code has let go of can stay
 * reachable from its interpreter registers and be counted in the next reading.
 */
function measureSession(size: number): Row[] {
  const before = heap();
  const session = acceptedSession(size);
  const withSession = heap();
  const views: Y.Doc[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) views.push(viewDocument(session, `p${i}`));
  const withViews = heap();
  return [
    {
      what: `session, ${size.toLocaleString('en')} accepted`,
      docs: 1,
      ripples: size,
      bytes: withSession - before,
      encoded: Y.encodeStateAsUpdate(session).length,
    },
    {
      what: `  its ${views.length} views`,
      docs: views.length,
      ripples: size,
      bytes: withViews - withSession,
      encoded: Y.encodeStateAsUpdate(views[0] as Y.Doc).length,
    },
  ];
}

/**
 * The load bench's case: 50 sessions of 30 phones; each phone's view holds the meta, then the
 * 12 ripples its phone adds (waiting in the inbox: moderation is on by default), applied to
 * the view update by update as the phone sends them.
 */
function measureLoadCase(sessionCount: number): { rows: Row[]; total: number; ripples: number } {
  const sessions = Array.from({ length: sessionCount }, (_, s) => newSession(`Sessie ${s + 1}`));
  const before = heap();
  const views: Y.Doc[] = [];
  for (const [s, session] of sessions.entries())
    for (let i = 0; i < PARTICIPANTS; i++) views.push(viewDocument(session, `p${s * PARTICIPANTS + i}`));
  const withMeta = heap();
  const metaEncoded = Y.encodeStateAsUpdate(views[0] as Y.Doc).length;
  for (const [v, view] of views.entries()) {
    const phone = new Y.Doc();
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(view));
    phone.on('update', (update: Uint8Array) => Y.applyUpdate(view, update));
    for (let n = 0; n < OWN_RIPPLES; n++) {
      const text = texts[(v * OWN_RIPPLES + n) % texts.length] as string;
      const input = { text, authorName: nameFor(v) };
      check(addRipple(phone, participant(v), input, { now: START + n * 10_000 + v }), 'addRipple on a phone');
    }
    phone.destroy();
  }
  const withOwn = heap();
  const count = `${views.length.toLocaleString('en')} views (${sessions.length} sessions)`;
  return {
    rows: [
      {
        what: `${count}, meta only`,
        docs: views.length,
        ripples: 0,
        bytes: withMeta - before,
        encoded: metaEncoded,
      },
      {
        what: `  + ${OWN_RIPPLES} own waiting ripples each`,
        docs: views.length,
        ripples: OWN_RIPPLES,
        bytes: withOwn - withMeta,
        encoded: Y.encodeStateAsUpdate(views[0] as Y.Doc).length,
      },
    ],
    total: withOwn - before,
    ripples: views.length * OWN_RIPPLES,
  };
}

// A small round of everything first, so that compiled code, the schemas built on first use
// and the like are not counted in the first rows.
measureSession(60);
measureLoadCase(2);
const rows: Row[] = [];
for (const size of SESSION_SIZES) rows.push(...measureSession(size));
const load = measureLoadCase(LOAD_SESSIONS);
rows.push(...load.rows);

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 2 : 1)} KB`;
const header = [
  'documents measured',
  'count',
  'ripples each',
  'heap',
  'per document',
  'per ripple',
  'one encoded',
];
const table = rows.map((row) => [
  row.what,
  row.docs.toLocaleString('en'),
  row.ripples.toLocaleString('en'),
  mb(row.bytes),
  kb(row.bytes / row.docs),
  row.ripples > 0 ? kb(row.bytes / row.docs / row.ripples) : '–',
  kb(row.encoded),
]);
const widths = header.map((h, c) => Math.max(h.length, ...table.map((cells) => (cells[c] as string).length)));
const line = (cells: string[]): string =>
  cells
    .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] as number) : cell.padStart(widths[c] as number)))
    .join('  ');

console.log('Heap of session documents and phone views (heapUsed after two full collections)');
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, ${os.platform()} ${os.arch()}`,
);
console.log(
  `load average: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
);
console.log(line(header));
for (const cells of table) console.log(line(cells));
console.log(
  `load bench's case in all (views with meta and own ripples): ${mb(load.total)}, ` +
    `${kb(load.total / load.ripples)} per own ripple`,
);
