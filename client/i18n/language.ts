import { useSyncExternalStore } from 'react';
import { LANGUAGES, type Language } from '../../shared/model/ripple';
import { readStored, writeStored } from '../util/storage';

/** The interface language: Dutch unless this browser chose English before. */
const STORAGE_KEY = 'kringen:language';

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

let current: Language = readStored(STORAGE_KEY, (v) => (isLanguage(v) ? v : null)) ?? 'nl';
const listeners = new Set<() => void>();

export const getLanguage = (): Language => current;

export function setLanguage(language: Language): void {
  if (language === current) return;
  current = language;
  writeStored(STORAGE_KEY, language);
  applyDocumentLanguage();
  for (const listener of listeners) listener();
}

/**
 * A session's own language (set by its facilitator), for a screen whose user never chose
 * one: applied but not remembered, so the user's own choice always wins.
 */
export function adoptSessionLanguage(language: Language): void {
  if (language === current || readStored(STORAGE_KEY, (v) => (isLanguage(v) ? v : null))) return;
  current = language;
  applyDocumentLanguage();
  for (const listener of listeners) listener();
}

export function subscribeToLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Keeps `<html lang>` right, so screen readers pronounce the page in its language. */
export function applyDocumentLanguage(): void {
  document.documentElement.lang = current;
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribeToLanguage, getLanguage);
}
