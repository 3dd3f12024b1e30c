/**
 * What an expected failure comes to: the value, or why there is none. Every parser, command
 * and rule in `shared/` answers in this one shape, so a caller reads `ok`, then `value` or
 * `error`, whichever module it asked. A failure that says more than a sentence carries an
 * object as its `error`.
 *
 * @example
 * const parsed: Result<number> = Number.isInteger(n) ? ok(n) : err('not a whole number');
 * if (!parsed.ok) return parsed;
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

/** A success carrying `value`. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** A failure carrying `error`. */
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
