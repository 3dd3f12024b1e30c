/** Months as integers (year * 12 + month - 1), so a time axis is plain arithmetic. */

/** `'2024-03'` → 24290; null for anything that is not YYYY-MM. */
export function monthIndex(yearMonth: string): number | null {
  const match = /^(\d{4})-(\d{2})/.exec(yearMonth);
  if (!match) return null;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  return Number(match[1]) * 12 + month - 1;
}

/** 24290 → `'2024-03'`. */
export function monthName(index: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** `'2024-03-16'` → 24290.5 (a day as a fraction of its month); a month → its middle. */
export function timeValue(value: string): number | null {
  const month = monthIndex(value);
  if (month === null) return null;
  const day = /^\d{4}-\d{2}-(\d{2})$/.exec(value);
  if (!day) return month + 0.5;
  return month + (Number(day[1]) - 0.5) / 31;
}

/** The month of a timestamp (UTC), for a session with no dates yet. */
export function monthOfTime(ms: number): number {
  const date = new Date(ms);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}
