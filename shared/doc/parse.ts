import * as v from 'valibot';
import { CodebookSchema } from '../codebooks/parseCodebook';
import { LIMITS } from '../model/limits';
import {
  INTENDED_VALUES,
  LANGUAGES,
  LAYOUTS,
  type Link,
  ONGOING_VALUES,
  RIPPLE_KINDS,
  RIPPLE_STATUSES,
  type Ripple,
  SESSION_PHASES,
  type SessionMeta,
  TIMELINE_LANES,
  VALENCES,
} from '../model/ripple';
import { issuePath } from '../util/issuePath';
import { err, ok, type Result } from '../util/result';

/**
 * The one parser for document content. Everything read out of a Y.Doc — which may have
 * been written by any client, including a crafted one — passes through here once.
 */

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const yearMonth = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/));
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));
const finite = v.pipe(v.number(), v.finite());

export const RippleWhenSchema = v.variant('kind', [
  v.object({ kind: v.literal('date'), value: isoDate }),
  v.object({ kind: v.literal('month'), value: yearMonth }),
  v.object({ kind: v.literal('phase'), value: id }),
]);

const coAuthors = v.pipe(
  v.array(v.strictObject({ id, name: text(LIMITS.name) })),
  v.maxLength(LIMITS.coAuthors),
);

/**
 * Every field of a ripple, each required (but `coAuthors`, which older ripples lack): the
 * form the research export describes (`shared/export/sessionExport.ts`), which must not
 * change when the stored form does.
 */
export const RIPPLE_ENTRIES = {
  id,
  text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.rippleText)),
  story: text(LIMITS.rippleStory),
  kind: v.picklist(RIPPLE_KINDS),
  authorId: id,
  authorName: text(LIMITS.name),
  showAuthor: v.boolean(),
  involved: text(LIMITS.involved),
  createdAt: finite,
  updatedAt: finite,
  when: v.nullable(RippleWhenSchema),
  intended: v.picklist(INTENDED_VALUES),
  valence: v.picklist(VALENCES),
  ongoing: v.picklist(ONGOING_VALUES),
  suggestedCode: v.nullable(id),
  code: v.nullable(id),
  extraCodes: v.pipe(v.array(v.strictObject({ codebook: id, code: id })), v.maxLength(LIMITS.extraCodes)),
  status: v.picklist(RIPPLE_STATUSES),
  position: v.nullable(v.strictObject({ x: finite, y: finite })),
  proposedCauses: v.pipe(v.array(id), v.maxLength(LIMITS.proposedCauses)),
  // Added with merging: older ripples have no such key.
  coAuthors: v.optional(coAuthors, []),
  // Added with continuing and merging sessions: older ripples and files have no such key.
  origin: v.optional(v.nullable(v.strictObject({ title: text(LIMITS.title), date: isoDate })), null),
  // Added with interviews in pairs: older ripples and files have no such key.
  interview: v.optional(
    v.nullable(v.strictObject({ pairId: id, sentBy: v.picklist(['teller', 'asker']) })),
    null,
  ),
};

type DefaultedField =
  | 'story'
  | 'authorName'
  | 'involved'
  | 'when'
  | 'intended'
  | 'valence'
  | 'ongoing'
  | 'suggestedCode'
  | 'code'
  | 'extraCodes'
  | 'position'
  | 'proposedCauses'
  | 'coAuthors'
  | 'origin'
  | 'interview';

/**
 * What a ripple field holds when its key is missing from the ripple's Y.Map. `addRipple`
 * stores only the fields that differ from these: most of a new ripple is empty, and writing
 * every key made a big map's first update almost twice as large, and slower to apply in a
 * browser. Shared instances: compare against them, never hand them out.
 */
export const RIPPLE_DEFAULTS: Readonly<Pick<Required<Ripple>, DefaultedField>> = Object.freeze({
  story: '',
  authorName: '',
  involved: '',
  when: null,
  intended: 'unknown',
  valence: 'unknown',
  ongoing: 'unknown',
  suggestedCode: null,
  code: null,
  extraCodes: [],
  position: null,
  proposedCauses: [],
  coAuthors: [],
  origin: null,
  interview: null,
});

type Unwrapped<S> = S extends { type: 'optional'; wrapped: infer W } ? W : S;
type StoredDefaulted = {
  [K in DefaultedField]: v.OptionalSchema<
    Unwrapped<(typeof RIPPLE_ENTRIES)[K]>,
    (typeof RIPPLE_DEFAULTS)[K] | (() => (typeof RIPPLE_DEFAULTS)[K])
  >;
};

/** Each defaulted field's schema, made optional with its `RIPPLE_DEFAULTS` value. */
function storedDefaulted(): StoredDefaulted {
  const out: Record<string, v.GenericSchema> = {};
  for (const [key, fallback] of Object.entries(RIPPLE_DEFAULTS)) {
    const entry = RIPPLE_ENTRIES[key as DefaultedField] as v.GenericSchema;
    const inner =
      'wrapped' in entry && entry.type === 'optional' ? (entry.wrapped as v.GenericSchema) : entry;
    out[key] = v.optional(inner, Array.isArray(fallback) ? () => [] : fallback);
  }
  return out as unknown as StoredDefaulted;
}

/**
 * A ripple as stored: a missing key reads as its `RIPPLE_DEFAULTS` value, so a ripple
 * written with only its non-default fields (or by a client that wrote them all) parses to
 * the same full `Ripple`, and the permission rules judge both alike. Array defaults come
 * from a factory, so no two parsed ripples share one array, whatever the inner schema does.
 */
export const RippleSchema = v.strictObject({ ...RIPPLE_ENTRIES, ...storedDefaulted() });

export const LinkSchema = v.strictObject({ id, from: id, to: id, createdAt: finite });

export const PhaseSchema = v.strictObject({
  id,
  label: text(LIMITS.phaseLabel),
  start: v.nullable(yearMonth),
  end: v.nullable(yearMonth),
});

export const SessionMetaSchema = v.strictObject({
  schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  title: text(LIMITS.title),
  programme: text(LIMITS.programme),
  language: v.picklist(LANGUAGES),
  createdAt: finite,
  spanStart: v.nullable(yearMonth),
  spanEnd: v.nullable(yearMonth),
  phases: v.pipe(v.array(PhaseSchema), v.maxLength(LIMITS.phases)),
  codebook: id,
  // Optional with its default, so sessions and export files from before it still read.
  secondCodebook: v.optional(id, 'borging'),
  customCodebooks: v.pipe(v.array(CodebookSchema), v.maxLength(LIMITS.customCodebooks)),
  moderation: v.boolean(),
  prompt: text(LIMITS.prompt),
  layout: v.picklist(LAYOUTS),
  votingOpen: v.boolean(),
  votesRevealed: v.boolean(),
  dotsPerParticipant: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.maxDots)),
  sessionPhase: v.picklist(SESSION_PHASES),
  timelineLanes: v.picklist(TIMELINE_LANES),
  promptCard: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.promptCardQuestion))),
    v.maxLength(LIMITS.promptCardQuestions),
  ),
  promptCardShown: v.boolean(),
});

/** A parsed value, or the first problem as "field: message". */
export type ParseResult<T> = Result<T>;

/** "field: message" for the first problem, so a refusal names what was wrong. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const path = issuePath(first);
  return path ? `${path}: ${first.message}` : first.message;
}

/** A parser for `schema` that answers with the first problem, for every root's entries. */
export function parserFor<S extends v.GenericSchema>(schema: S) {
  return (input: unknown): ParseResult<v.InferOutput<S>> => {
    const result = v.safeParse(schema, input);
    return result.success ? ok(result.output) : err(describe(result.issues));
  };
}

export const parseRipple: (input: unknown) => ParseResult<Ripple> = parserFor(RippleSchema);
export const parseLink: (input: unknown) => ParseResult<Link> = parserFor(LinkSchema);
export const parseMeta: (input: unknown) => ParseResult<SessionMeta> = parserFor(SessionMetaSchema);
