import type { phoneNl } from './phone.nl';

/** English texts of the phone screens; typed by the Dutch keys, so a missing one fails typecheck. */
export const phoneEn: Record<keyof typeof phoneNl, string> = {};
