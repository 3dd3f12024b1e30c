import * as v from 'valibot';
import { type ParseResult, parserFor, RippleWhenSchema } from '../doc/parse';
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
 *
 * The schemas are built on first use, not when the module loads: the permission rules
 * import this module, so a phone's first bundle carries it, and a module that builds its
 * schemas at load time cannot be left out of a bundle that never parses an interview.
 */
function buildSchemas() {
  const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.id));
  const finite = v.pipe(v.number(), v.finite());
  const whole = (min: number, max: number) =>
    v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
  const round = whole(1, 1_000_000);
  const timer = v.strictObject({
    round,
    turnMs: whole(60_000, LIMITS.interviewTurnMinutes * 60_000),
    turns: whole(1, LIMITS.interviewTurns),
    startedAt: finite,
    pausedAt: v.nullable(finite),
    pausedMs: v.pipe(finite, v.minValue(0)),
    extraMs: v.pipe(v.array(whole(0, 60 * 60_000)), v.maxLength(LIMITS.interviewTurns)),
    endedAt: v.nullable(finite),
  });
  const entries = {
    questions: v.pipe(
      v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(LIMITS.interviewQuestion))),
      v.maxLength(LIMITS.interviewQuestions),
    ),
    turnMinutes: whole(1, LIMITS.interviewTurnMinutes),
    turns: whole(1, LIMITS.interviewTurns),
    round,
    timer: v.nullable(timer),
  } satisfies Record<keyof InterviewSettings, v.GenericSchema>;
  const pair = v.pipe(
    v.strictObject({
      id,
      round,
      members: v.pipe(
        v.array(v.strictObject({ id, name: v.pipe(v.string(), v.maxLength(LIMITS.name)) })),
        v.minLength(1),
        v.maxLength(LIMITS.pairMembers),
      ),
      by: v.picklist(['facilitator', 'self']),
      createdAt: finite,
      invite: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^\d{4}$/))), null),
    }),
    v.check((p) => new Set(p.members.map((m) => m.id)).size === p.members.length, 'members: twice'),
    v.check(
      (p) => (p.invite === null ? p.members.length >= 2 : p.members.length === 1),
      'members: two or three, or one who invites another',
    ),
  );
  const draft = v.pipe(
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
    v.check((d) => d.tellerId !== d.askerId, 'teller and asker are one person'),
  );
  return { timer, entries, pair, draft };
}

let built: ReturnType<typeof buildSchemas> | null = null;
/** The schemas of the interview roots (the `interview` root's per key, like `meta`'s). */
export const interviewSchemas = (): ReturnType<typeof buildSchemas> => {
  built ??= buildSchemas();
  return built;
};

export const parseTimer = (input: unknown): ParseResult<InterviewTimer> =>
  parserFor(interviewSchemas().timer)(input);
export const parsePair = (input: unknown): ParseResult<Pair> => parserFor(interviewSchemas().pair)(input);
export const parseDraft = (input: unknown): ParseResult<Draft> => parserFor(interviewSchemas().draft)(input);

/** Whether `value` is valid for key `key` of the `interview` root. */
export function isValidInterviewEntry(key: string, value: unknown): boolean {
  const { entries } = interviewSchemas();
  if (!Object.hasOwn(entries, key)) return false;
  return v.safeParse(entries[key as keyof InterviewSettings], value).success;
}

/** The settings from the root's plain entries; a missing or invalid key reads as its default. */
export function settingsFromEntries(entries: Record<string, unknown>): InterviewSettings {
  const out: Record<string, unknown> = { ...DEFAULT_INTERVIEW };
  for (const key of Object.keys(DEFAULT_INTERVIEW)) {
    if (key in entries && isValidInterviewEntry(key, entries[key])) out[key] = entries[key];
  }
  return out as unknown as InterviewSettings;
}
