import type { boardNl } from './board.nl';

/** English texts of the board screens; typed by the Dutch keys, so a missing one fails typecheck. */
export const boardEn: Record<keyof typeof boardNl, string> = {};
