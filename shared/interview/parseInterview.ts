import * as v from 'valibot';
import { RippleWhenSchema } from '../doc/parse';
import {
  DEFAULT_INTERVIEW,
  type Draft,
  type InterviewSettings,
  type InterviewTimer,
  type Pair,
} from '../model/interview';
import { LIMITS } from '../model/limits';
import { INTENDED_VALUES, VALENCES } from '../model/ripple';

/**
 * The parsers for the interview roots: every value a client writes under `interview`,
 * `pairs` or `drafts` passes one of these before anything reads it.
 */

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));
const finite = v.pipe(v.number(), v.finite());
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const InterviewTimerSchema = v.strictObject({
  round: whole(1, 1_000_000),
  turnMs: whole(60_000, LIMITS.interviewTurnMinutes * 60_000),
  turns: whole(1, LIMITS.interviewTurns),
  startedAt: finite,
  pausedAt: v.nullable(finite),
  pausedMs: v.pipe(finite, v.minValue(0)),
  extraMs: v.pipe(v.array(whole(0, 60 * 60_000)), v.maxLength(LIMITS.interviewTurns)),
  endedAt: v.nullable(finite),
});

/** The `interview` root's keys, each parsed on its own (like `meta`). */
export const INTERVIEW_ENTRIES = {
  questions: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.interviewQuestion))),
    v.maxLength(LIMITS.interviewQuestions),
  ),
  turnMinutes: whole(1, LIMITS.interviewTurnMinutes),
  turns: whole(1, LIMITS.interviewTurns),
  round: whole(1, 1_000_000),
  timer: v.nullable(InterviewTimerSchema),
} satisfies Record<keyof InterviewSettings, v.GenericSchema>;

export const InterviewSettingsSchema = v.strictObject(INTERVIEW_ENTRIES);

const PairMemberSchema = v.strictObject({ id, name: v.pipe(v.string(), v.maxLength(LIMITS.name)) });

export const PairSchema = v.pipe(
  v.strictObject({
    id,
    round: whole(1, 1_000_000),
    members: v.pipe(v.array(PairMemberSchema), v.minLength(1), v.maxLength(LIMITS.pairMembers)),
    by: v.picklist(['facilitator', 'self']),
    createdAt: finite,
    invite: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{4}$/))), null),
  }),
  v.check((pair) => new Set(pair.members.map((m) => m.id)).size === pair.members.length, 'members: twice'),
  v.check(
    (pair) => (pair.invite === null ? pair.members.length >= 2 : pair.members.length === 1),
    'members: two or three, or one who invites another',
  ),
);

export const DraftSchema = v.pipe(
  v.strictObject({
    // A ripple's id is `iv-` and this, and must fit the ripple id limit.
    id: v.pipe(id, v.maxLength(LIMITS.id - 3)),
    pairId: id,
    tellerId: id,
    askerId: id,
    text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.rippleText)),
    question: v.nullable(whole(0, LIMITS.interviewQuestions)),
    when: v.nullable(RippleWhenSchema),
    intended: v.picklist(INTENDED_VALUES),
    valence: v.picklist(VALENCES),
    agreed: v.boolean(),
    state: v.picklist(['draft', 'sent']),
    createdAt: finite,
    updatedAt: finite,
  }),
  v.check((draft) => draft.tellerId !== draft.askerId, 'teller and asker are one person'),
);

export const InterviewMarkerSchema = v.strictObject({ pairId: id, sentBy: v.picklist(['teller', 'asker']) });

type Parsed<T> = { ok: true; value: T } | { ok: false };
const parse =
  <T>(schema: v.GenericSchema<unknown, T>) =>
  (input: unknown): Parsed<T> => {
    const result = v.safeParse(schema, input);
    return result.success ? { ok: true, value: result.output } : { ok: false };
  };

export const parseTimer: (input: unknown) => Parsed<InterviewTimer> = parse(InterviewTimerSchema);
export const parsePair: (input: unknown) => Parsed<Pair> = parse(PairSchema);
export const parseDraft: (input: unknown) => Parsed<Draft> = parse(DraftSchema);

/** Whether `value` is valid for key `key` of the `interview` root. */
export function isValidInterviewEntry(key: string, value: unknown): boolean {
  if (!Object.hasOwn(INTERVIEW_ENTRIES, key)) return false;
  return v.safeParse(INTERVIEW_ENTRIES[key as keyof InterviewSettings], value).success;
}

/** The settings from the root's plain entries; a missing or invalid key reads as its default. */
export function settingsFromEntries(entries: Record<string, unknown>): InterviewSettings {
  const out: Record<string, unknown> = { ...DEFAULT_INTERVIEW };
  for (const key of Object.keys(DEFAULT_INTERVIEW)) {
    if (key in entries && isValidInterviewEntry(key, entries[key])) out[key] = entries[key];
  }
  return out as unknown as InterviewSettings;
}
