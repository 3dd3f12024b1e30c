import { useEffect, useId, useState } from 'react';
import { BUILTIN_CODEBOOKS, type Codebook, defaultLook, parseCodebook } from '../../shared/codebooks';
import { findCodebook } from '../../shared/doc/codeRefs';
import { switchCodebook, updateMeta } from '../../shared/doc/commands';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import { LIMITS } from '../../shared/model/limits';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import type { DocState } from '../store/docStore';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';
import { CodebookSwitch } from './CodebookSwitch';

const selectAnyCoded = (s: DocState) => s.view.ripples.some((r) => r.code !== null);
/** The second-codebook choice for none: an id no codebook has. */
const NO_SECOND_CODEBOOK = 'none';

/** A code as the form edits it: keywords as the comma-separated text a person types. */
interface DraftCode {
  id: string;
  nl: string;
  en: string;
  color: string;
  pattern: Codebook['codes'][number]['pattern'];
  keywordsNl: string;
  keywordsEn: string;
  description: Codebook['codes'][number]['description'];
}

const words = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((w) => w.trim())
    .filter(Boolean);

function toDraft(codebook: Codebook): DraftCode[] {
  return codebook.codes.map((c) => ({
    id: c.id,
    nl: c.label.nl,
    en: c.label.en,
    color: c.color,
    pattern: c.pattern,
    keywordsNl: c.keywords.nl.join(', '),
    keywordsEn: c.keywords.en.join(', '),
    description: c.description,
  }));
}

/** "Buurt & ontmoeting" → "buurt-ontmoeting": ids that survive spreadsheets. */
const slug = (label: string, fallback: string) =>
  label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, 'c$1')
    .slice(0, 40) || fallback;

/**
 * Which codebook the session codes with: one of the built-in ones, or the facilitator's
 * own, made from a copy and edited here (labels, keywords that drive the suggestions,
 * colours). Saved in the session document and exported with it; the server re-suggests
 * codes for unconfirmed ripples as soon as the codebook changes.
 */
export function CodebookPanel() {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const active = sessionCodebook(meta);
  const custom = meta.customCodebooks.find((c) => c.id === meta.codebook) ?? null;
  const [draft, setDraft] = useState<DraftCode[]>(() => toDraft(active));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(toDraft(active));
    setError(null);
  }, [active]);

  const anyCoded = useSession(selectAnyCoded);
  const [switching, setSwitching] = useState<Codebook | null>(null);

  /** Straight away when nothing is coded yet; otherwise warn and let codes be mapped or kept first. */
  function choose(codebookId: string) {
    const next = findCodebook(meta, codebookId);
    if (!next) return;
    if (anyCoded) {
      setSwitching(next);
      return;
    }
    const result = switchCodebook(doc, actor, codebookId);
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  function chooseSecond(codebookId: string) {
    const result = updateMeta(doc, actor, { secondCodebook: codebookId });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  function copyToOwn() {
    if (meta.customCodebooks.length >= LIMITS.customCodebooks) {
      setError(t('codebook.tooMany', { max: LIMITS.customCodebooks }));
      return;
    }
    let n = meta.customCodebooks.length + 1;
    while (meta.customCodebooks.some((c) => c.id === `eigen-${n}`)) n++;
    const own: Codebook = {
      ...active,
      id: `eigen-${n}`,
      label: { nl: `${active.label.nl} (eigen)`.slice(0, 60), en: `${active.label.en} (own)`.slice(0, 60) },
    };
    const result = updateMeta(doc, actor, {
      customCodebooks: [...meta.customCodebooks, own],
      codebook: own.id,
    });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
  }

  function save() {
    if (!custom) return;
    const codes = draft.map((d, i) => {
      const label = { nl: d.nl.trim(), en: d.en.trim() || d.nl.trim() };
      return {
        id: d.id || slug(label.nl, `code-${i + 1}`),
        label,
        description: { nl: d.description.nl || label.nl, en: d.description.en || label.en },
        color: d.color,
        pattern: d.pattern,
        keywords: { nl: words(d.keywordsNl), en: words(d.keywordsEn) },
      };
    });
    const parsed = parseCodebook({ ...custom, codes });
    if (!parsed.ok) {
      setError(t('codebook.invalid', { detail: parsed.error.message }));
      return;
    }
    const next = meta.customCodebooks.map((c) => (c.id === custom.id ? parsed.value : c));
    const result = updateMeta(doc, actor, { customCodebooks: next });
    if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
    else showNotice(store, 'codebook.saved');
  }

  const change = (i: number, patch: Partial<DraftCode>) =>
    setDraft((codes) => codes.map((c, k) => (k === i ? { ...c, ...patch } : c)));

  return (
    <section className="side-section codebook-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('codebook.heading')}</h2>
      <label className="field">
        <span className="field__label">{t('codebook.choose')}</span>
        <select value={switching?.id ?? meta.codebook} onChange={(e) => choose(e.target.value)}>
          {[...BUILTIN_CODEBOOKS, ...meta.customCodebooks].map((c) => (
            <option key={c.id} value={c.id}>
              {c.label[language]}
            </option>
          ))}
        </select>
      </label>
      {switching && <CodebookSwitch from={active} to={switching} onDone={() => setSwitching(null)} />}
      <p className="field__hint">{active.description[language]}</p>
      <label className="field">
        <span className="field__label">{t('second.codebook')}</span>
        <select value={meta.secondCodebook} onChange={(e) => chooseSecond(e.target.value)}>
          <option value={NO_SECOND_CODEBOOK}>{t('second.none')}</option>
          {[...BUILTIN_CODEBOOKS, ...meta.customCodebooks]
            .filter((c) => c.id !== meta.codebook)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.label[language]}
              </option>
            ))}
        </select>
        <span className="field__hint">{t('second.codebookHint')}</span>
      </label>
      {!custom && (
        <button type="button" className="button button--small" onClick={copyToOwn}>
          {t('codebook.copy')}
        </button>
      )}
      {custom && (
        <>
          <p className="field__hint">{t('codebook.editHint')}</p>
          {draft.map((code, i) => (
            <fieldset key={code.id || `new-${i}`} className="codebook-code">
              <legend>
                <span className="codebook-swatch" style={{ background: code.color }} aria-hidden="true" />
                {code.nl || t('codebook.newCode')}
              </legend>
              <label className="field">
                <span className="field__label">{t('codebook.labelNl')}</span>
                <input value={code.nl} maxLength={60} onChange={(e) => change(i, { nl: e.target.value })} />
              </label>
              <label className="field">
                <span className="field__label">{t('codebook.labelEn')}</span>
                <input value={code.en} maxLength={60} onChange={(e) => change(i, { en: e.target.value })} />
              </label>
              <label className="field">
                <span className="field__label">{t('codebook.keywordsNl')}</span>
                <textarea
                  rows={2}
                  value={code.keywordsNl}
                  onChange={(e) => change(i, { keywordsNl: e.target.value })}
                />
              </label>
              <label className="field">
                <span className="field__label">{t('codebook.keywordsEn')}</span>
                <textarea
                  rows={2}
                  value={code.keywordsEn}
                  onChange={(e) => change(i, { keywordsEn: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="button button--small"
                disabled={draft.length <= 1}
                onClick={() => setDraft((codes) => codes.filter((_, k) => k !== i))}
              >
                {t('codebook.remove', { label: code.nl || t('codebook.newCode') })}
              </button>
            </fieldset>
          ))}
          <div className="button-row">
            <button
              type="button"
              className="button button--small"
              disabled={draft.length >= 12}
              onClick={() =>
                setDraft((codes) => {
                  const used = new Set(codes.map((c) => c.color.toLowerCase()));
                  let look = defaultLook(codes.length);
                  for (let k = 0; k < 12 && used.has(look.color.toLowerCase()); k++)
                    look = defaultLook(codes.length + k + 1);
                  return [
                    ...codes,
                    {
                      id: '',
                      nl: '',
                      en: '',
                      ...look,
                      keywordsNl: '',
                      keywordsEn: '',
                      description: { nl: '', en: '' },
                    },
                  ];
                })
              }
            >
              {t('codebook.add')}
            </button>
            <button type="button" className="button" onClick={save}>
              {t('codebook.save')}
            </button>
          </div>
        </>
      )}
      <p role="status" className="field__hint">
        {error}
      </p>
    </section>
  );
}
