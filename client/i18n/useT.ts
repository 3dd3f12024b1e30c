import { useMemo } from 'react';
import type { Language } from '../../shared/model/ripple';
import { en } from './en';
import { useLanguage } from './language';
import { type Dictionary, type MessageKey, nl } from './nl';

const DICTIONARIES: Record<Language, Dictionary> = { nl, en };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const PLURAL_RULES: Record<Language, Intl.PluralRules> = {
  nl: new Intl.PluralRules('nl'),
  en: new Intl.PluralRules('en'),
};

/**
 * The text for `key` in `language`, with `{name}` placeholders filled from `params` and
 * `{name|one|other}` choosing the word for the number in `name` ("1 deelnemer",
 * "3 deelnemers"; Dutch and English have just these two forms).
 */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  return fillTemplate(language, DICTIONARIES[language][key], params);
}

/** `template` with its `{name}` and `{name|one|other}` placeholders filled (see `translate`). */
export function fillTemplate(language: Language, template: string, params?: MessageParams): string {
  if (!params) return template;
  return template
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (whole, name: string, one: string, other: string) => {
      const value = params[name];
      if (typeof value !== 'number') return whole;
      return PLURAL_RULES[language].select(value) === 'one' ? one : other;
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The translate function for the current interface language. */
export function useT(): Translate {
  const language = useLanguage();
  return useMemo<Translate>(() => (key, params) => translate(language, key, params), [language]);
}
