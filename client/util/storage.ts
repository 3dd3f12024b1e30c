/**
 * localStorage that never throws: private browsing, full storage and blocked cookies
 * make it fail on some phones, and losing a remembered value must not break a page.
 */
export function readStored<T>(key: string, parse: (value: unknown) => T | null): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw === null ? null : parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered: the page still works, a reload asks again.
  }
}

export function removeStored(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

export const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
