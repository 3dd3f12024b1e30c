/**
 * Dutch texts of the board screens (added here rather than in nl.ts, so work on the
 * board does not collide with other screens). Spread into `nl` in ./nl.ts.
 */
export const boardNl = {} as const;
