import { useMemo } from 'react';
import type { Language } from '../../shared/model/ripple';
import { interviewEn } from '../i18n/interview.en';
import { type InterviewKey, interviewNl } from '../i18n/interview.nl';
import { useLanguage } from '../i18n/language';
import { fillTemplate, type MessageParams } from '../i18n/useT';

const DICTIONARIES: Record<Language, Record<InterviewKey, string>> = { nl: interviewNl, en: interviewEn };

export type InterviewT = (key: InterviewKey, params?: MessageParams) => string;

/**
 * `useT` for the interview screens: the same `{name}` and `{count|one|other}` templates,
 * over dictionaries that travel with the interview chunk instead of the phone's first bundle.
 */
export function useInterviewT(): InterviewT {
  const language = useLanguage();
  return useMemo<InterviewT>(
    () => (key, params) => fillTemplate(language, DICTIONARIES[language][key], params),
    [language],
  );
}

/** The built-in REM interview questions, for a guide left empty. */
export const DEFAULT_QUESTION_KEYS: readonly InterviewKey[] = [
  'iv.q.changed',
  'iv.q.proud',
  'iv.q.surprised',
  'iv.q.lessWell',
  'iv.q.noticed',
];

/** The guide's questions, or the built-in ones in the screen's language. */
export const guideQuestions = (stored: readonly string[], t: InterviewT): string[] =>
  stored.length > 0 ? [...stored] : DEFAULT_QUESTION_KEYS.map((key) => t(key));
