/**
 * Dutch texts of the phone screens (added here rather than in nl.ts, so work on the
 * phone does not collide with other screens). Spread into `nl` in ./nl.ts.
 */
export const phoneNl = {} as const;
