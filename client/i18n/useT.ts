import { useMemo } from 'react';
import type { Language } from '../../shared/model/ripple';
import { en } from './en';
import { useLanguage } from './language';
import { type Dictionary, type MessageKey, nl } from './nl';

const DICTIONARIES: Record<Language, Dictionary> = { nl, en };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The text for `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = DICTIONARIES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The translate function for the current interface language. */
export function useT(): Translate {
  const language = useLanguage();
  return useMemo<Translate>(() => (key, params) => translate(language, key, params), [language]);
}
