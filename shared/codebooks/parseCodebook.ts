import * as v from 'valibot';
import { issuePath } from '../util/issuePath';
import { err, ok, type Result } from '../util/result';
import { CODEBOOK_LIMITS } from './limits';
import { CODE_PATTERNS, type Code, type Codebook } from './types';

/**
 * The one parser for codebooks that did not ship with the product: a facilitator's custom
 * codebook, read back from a session document or an imported export.
 */

/** Lower-case ids so they survive spreadsheets and file names; `-` and `_` as in the built-ins. */
const idSchema = v.pipe(
  v.string(),
  v.regex(/^[a-z][a-z0-9_-]*$/, 'must start with a letter and use only a-z, 0-9, "-" or "_"'),
  v.maxLength(CODEBOOK_LIMITS.id, `must be at most ${CODEBOOK_LIMITS.id} characters`),
);

const boundedText = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must be at most ${max} characters`),
  );

const localized = (max: number) => v.strictObject({ nl: boundedText(max), en: boundedText(max) });

const keyword = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, 'must be at least 2 characters'),
  v.maxLength(CODEBOOK_LIMITS.keyword, `must be at most ${CODEBOOK_LIMITS.keyword} characters`),
  v.regex(/[\p{L}\p{N}]/u, 'must contain a letter or digit'),
);

const CodeSchema = v.pipe(
  v.strictObject({
    id: idSchema,
    label: localized(CODEBOOK_LIMITS.label),
    description: localized(CODEBOOK_LIMITS.description),
    color: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0072B2')),
    pattern: v.picklist(CODE_PATTERNS, `must be one of ${CODE_PATTERNS.join(', ')}`),
    keywords: v.strictObject({ nl: v.array(keyword), en: v.array(keyword) }),
  }),
  v.check(
    (code) => code.keywords.nl.length + code.keywords.en.length <= CODEBOOK_LIMITS.keywordsPerCode,
    `at most ${CODEBOOK_LIMITS.keywordsPerCode} keywords per code (nl and en together)`,
  ),
);

export const CodebookSchema = v.pipe(
  v.strictObject({
    id: idSchema,
    label: localized(CODEBOOK_LIMITS.label),
    description: localized(CODEBOOK_LIMITS.description),
    codes: v.pipe(
      v.array(CodeSchema),
      v.minLength(1, 'must hold at least one code'),
      v.maxLength(CODEBOOK_LIMITS.codes, `must hold at most ${CODEBOOK_LIMITS.codes} codes`),
    ),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const codebook = dataset.value;
    reportDuplicates(codebook, (code) => code.id, 'id', 'is used by another code', addIssue);
    // Two codes in one colour cannot be told apart on the board, whatever their pattern.
    reportDuplicates(
      codebook,
      (code) => code.color.toLowerCase(),
      'color',
      'is already the colour of another code',
      addIssue,
    );
  }),
);

type AddIssue = Parameters<Parameters<typeof v.rawCheck>[0]>[0]['addIssue'];

function reportDuplicates(
  codebook: Codebook,
  keyOf: (code: Code) => string,
  field: string,
  message: string,
  addIssue: AddIssue,
): void {
  const seen = new Set<string>();
  const codes = codebook.codes;
  codes.forEach((code, index) => {
    const key = keyOf(code);
    if (seen.has(key)) {
      addIssue({
        message: `codes[${index}].${field} ${message}`,
        path: [
          {
            type: 'object',
            origin: 'value',
            input: codebook as unknown as Record<string, unknown>,
            key: 'codes',
            value: codes,
          },
          { type: 'array', origin: 'value', input: codes, key: index, value: code },
          {
            type: 'object',
            origin: 'value',
            input: code as unknown as Record<string, unknown>,
            key: field,
            value: key,
          },
        ],
      });
    }
    seen.add(key);
  });
}

/** One problem in a codebook: where (`codes[2].keywords.nl[5]`) and what was wrong. */
export interface CodebookIssue {
  path: string;
  message: string;
}

/** Every problem of a refused codebook, and the first of them as one `field: message` line. */
export interface CodebookRefusal {
  message: string;
  issues: CodebookIssue[];
}

export type CodebookParseResult = Result<Codebook, CodebookRefusal>;

/**
 * Validates untrusted input as a {@link Codebook}. Expected failures are values: every
 * problem is listed with the field it concerns, and `error.message` summarises the first one in
 * the same `field: message` form as the document parsers.
 *
 * @example
 * const result = parseCodebook(JSON.parse(text));
 * if (!result.ok) showError(result.error.message); // "codes[1].label.nl: must not be empty"
 */
export function parseCodebook(input: unknown): CodebookParseResult {
  const result = v.safeParse(CodebookSchema, input);
  if (result.success) return ok(result.output);
  const issues = result.issues.map((issue) => {
    const path = issuePath(issue);
    // Custom checks already name the field in their message; keep it short.
    const message = issue.message.startsWith(`${path} `)
      ? issue.message.slice(path.length + 1)
      : issue.message;
    return { path: path || '(codebook)', message };
  });
  const first = issues[0] as CodebookIssue;
  return err({ message: `${first.path}: ${first.message}`, issues });
}
