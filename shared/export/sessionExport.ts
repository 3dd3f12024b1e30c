import * as v from 'valibot';
import * as Y from 'yjs';
import type { Codebook } from '../codebooks';
import { CodebookSchema } from '../codebooks/parseCodebook';
import { CommandOrigin } from '../doc/origins';
import { LinkSchema, RIPPLE_ENTRIES, SessionMetaSchema } from '../doc/parse';
import { readMeta } from '../doc/read';
import { roots } from '../doc/schema';
import { sessionCodebook } from '../doc/sessionCodebook';
import { docToView } from '../doc/viewModel';
import { interviewSchemas } from '../interview/parseInterview';
import { readInterview } from '../interview/readInterview';
import type { InterviewSettings } from '../model/interview';
import type { Link, Ripple, SessionMeta, Vote } from '../model/ripple';
import { voteKey } from '../model/ripple';
import { issuePath } from '../util/issuePath';
import { err, ok, type Result } from '../util/result';

/**
 * The research export: one JSON file holding a whole session, losslessly. Described by
 * `docs/kringen-export.schema.json` (generated from the schemas below, so the two cannot
 * drift). `order` and `votes` on each ripple are derived and written for convenience;
 * import recomputes them.
 */
export const EXPORT_FORMAT = 'kringen-session';
export const EXPORT_VERSION = 1;

export interface ExportedRipple extends Ripple {
  /** Derived: 1 for a direct effect of the programme, 2 for an effect of that, … */
  order: number;
  /** Derived: dots placed on this ripple. */
  votes: number;
}

export interface SessionExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  session: SessionMeta;
  /** The codebook the session codes with (a copy, also when it is a built-in one). */
  codebook: Codebook;
  ripples: ExportedRipple[];
  links: Link[];
  votes: Vote[];
  /** The interview guide and round length (absent in files from before interviews in pairs). */
  interview?: InterviewGuide;
}

/** What of the interviews a session file keeps: the guide, not the pairs or their drafts. */
export type InterviewGuide = Pick<InterviewSettings, 'questions' | 'turnMinutes' | 'turns'>;

// The full entries, not the stored form's: a file names every field, defaults included.
const ExportedRippleSchema = v.strictObject({
  ...RIPPLE_ENTRIES,
  order: v.pipe(v.number(), v.integer(), v.minValue(1)),
  votes: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const VoteSchema = v.strictObject({
  voterId: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  slot: v.pipe(v.number(), v.integer(), v.minValue(0)),
  rippleId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

export const SessionExportSchema = v.strictObject({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  session: SessionMetaSchema,
  codebook: CodebookSchema,
  ripples: v.pipe(v.array(ExportedRippleSchema), v.maxLength(100_000)),
  links: v.pipe(v.array(LinkSchema), v.maxLength(200_000)),
  votes: v.pipe(v.array(VoteSchema), v.maxLength(1_000_000)),
  interview: v.optional(
    v.strictObject({
      questions: interviewSchemas().entries.questions,
      turnMinutes: interviewSchemas().entries.turnMinutes,
      turns: interviewSchemas().entries.turns,
    }),
  ),
});

/**
 * Everything in a session document as one plain object.
 *
 * @example
 * const file = JSON.stringify(exportSession(doc), null, 2);
 */
export function exportSession(doc: Y.Doc, now: Date = new Date()): SessionExport {
  const view = docToView(doc);
  const meta = readMeta(doc);
  const guide = readInterview(doc);
  // Links to ripples that are not on the map are kept too: export is lossless.
  const links: Link[] = [];
  for (const value of roots(doc).links.values()) {
    const parsed = v.safeParse(LinkSchema, value);
    if (parsed.success) links.push(parsed.output);
  }
  links.sort((a, b) => a.id.localeCompare(b.id));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now.toISOString(),
    session: meta,
    codebook: sessionCodebook(meta),
    ripples: view.ripples.map((ripple) => ({ ...ripple })),
    links,
    votes: [...view.votes].sort((a, b) => a.voterId.localeCompare(b.voterId) || a.slot - b.slot),
    interview: { questions: guide.questions, turnMinutes: guide.turnMinutes, turns: guide.turns },
  };
}

export interface ImportIssue {
  /** Where in the file, e.g. `ripples[3].intended`. */
  path: string;
  message: string;
}

/** A checked export, or every problem found (at most twenty). */
export type ImportResult = Result<SessionExport, ImportIssue[]>;

/** Older formats, each step lifting a file one version up. Empty while there is one version. */
const UPGRADES: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Checks an uploaded file completely before anything is created: its format and version
 * (older ones are upgraded, newer ones politely refused), every field, and that links and
 * votes point at ripples in the file. Issues name the field and what was wrong.
 */
export function parseSessionExport(input: unknown): ImportResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([{ path: '(file)', message: 'is not a Kringen session export (expected a JSON object)' }]);
  }
  let data = input as Record<string, unknown>;
  if (data.format !== EXPORT_FORMAT) {
    return err([{ path: 'format', message: `must be "${EXPORT_FORMAT}": this is not a Kringen export` }]);
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    return err([{ path: 'version', message: 'must be a whole number from 1' }]);
  }
  if (data.version > EXPORT_VERSION) {
    return err([
      {
        path: 'version',
        message: `this file was made by a newer Kringen (format version ${data.version}); this server reads up to version ${EXPORT_VERSION}. Update Kringen to import it.`,
      },
    ]);
  }
  for (let version = data.version; version < EXPORT_VERSION; version++) {
    const upgrade = UPGRADES[version];
    if (!upgrade) return err([{ path: 'version', message: `version ${version} cannot be upgraded` }]);
    data = { ...upgrade(data), version: version + 1 };
  }
  const parsed = v.safeParse(SessionExportSchema, data, { abortPipeEarly: true });
  if (!parsed.success) {
    return err(parsed.issues.slice(0, 20).map((i) => ({ path: issuePath(i, '(file)'), message: i.message })));
  }
  const value = parsed.output as SessionExport;
  const issues: ImportIssue[] = [];
  const ids = new Set<string>();
  value.ripples.forEach((ripple, i) => {
    if (ids.has(ripple.id))
      issues.push({ path: `ripples[${i}].id`, message: `"${ripple.id}" appears twice` });
    ids.add(ripple.id);
  });
  value.links.forEach((link, i) => {
    if (!ids.has(link.from))
      issues.push({ path: `links[${i}].from`, message: `no ripple "${link.from}" in this file` });
    if (!ids.has(link.to))
      issues.push({ path: `links[${i}].to`, message: `no ripple "${link.to}" in this file` });
    if (link.id !== `${link.from}->${link.to}`)
      issues.push({ path: `links[${i}].id`, message: 'must be "<from>-><to>"' });
  });
  value.votes.forEach((vote, i) => {
    if (!ids.has(vote.rippleId))
      issues.push({ path: `votes[${i}].rippleId`, message: `no ripple "${vote.rippleId}" in this file` });
  });
  return issues.length > 0 ? err(issues.slice(0, 20)) : ok(value);
}

/** Writes a parsed export into an empty document, in one transaction. */
export function importSession(doc: Y.Doc, data: SessionExport): void {
  const { meta, ripples, links, votes, interview } = roots(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(data.interview ?? {})) interview.set(key, value);
    for (const [key, value] of Object.entries(data.session)) meta.set(key, value);
    for (const { order: _order, votes: _votes, ...ripple } of data.ripples) {
      ripples.set(ripple.id, new Y.Map<unknown>(Object.entries(ripple)));
    }
    for (const link of data.links) links.set(link.id, link);
    for (const vote of data.votes) votes.set(voteKey(vote.voterId, vote.slot), vote.rippleId);
  }, new CommandOrigin('importSession'));
}
