import { useEffect, useMemo, useState } from 'react';
import { editRipple } from '../../shared/doc/commands';
import { sessionCodebook } from '../../shared/doc/sessionCodebook';
import type { RippleView } from '../../shared/doc/viewModel';
import { commandErrorKey } from '../i18n/errorText';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectMeta } from '../store/selectors';

type Classify = typeof import('../../shared/classifier')['classifyRipple'];
let classifierLoad: Promise<Classify> | null = null;
/** The classifier (large: its stemmers and trained weights) loads on first use, in the board's chunk only: never on phones. */
function loadClassifier(): Promise<Classify> {
  classifierLoad ??= import('../../shared/classifier').then((m) => m.classifyRipple);
  return classifierLoad;
}

/**
 * The server's suggested code (`ripple.suggestedCode`) with the words behind it
 * ("omdat: buurthuis, ontmoeten"), recomputed here with the same deterministic classifier;
 * one click confirms it as the ripple's code. Suggested and confirmed stay apart.
 */
export function SuggestionChip({ ripple }: { ripple: Pick<RippleView, 'id' | 'text' | 'suggestedCode'> }) {
  const t = useT();
  const language = useLanguage();
  const { doc, actor, store } = useSessionHandle();
  const meta = useSession(selectMeta);
  const codebook = useMemo(() => sessionCodebook(meta), [meta]);
  const [evidence, setEvidence] = useState<string[]>([]);
  const code = codebook.codes.find((c) => c.id === ripple.suggestedCode);

  useEffect(() => {
    let current = true;
    if (!ripple.suggestedCode) return;
    void loadClassifier().then((classify) => {
      if (!current) return;
      const ranked = classify(ripple.text, codebook).ranked.find((r) => r.code === ripple.suggestedCode);
      setEvidence(ranked?.evidence ?? []);
    });
    return () => {
      current = false;
    };
  }, [ripple.text, ripple.suggestedCode, codebook]);

  if (!code) return null;
  const label = code.label[language];
  return (
    <div className="suggestion-chip">
      <span className="code-swatch" style={{ background: code.color }} aria-hidden="true" />
      <span>
        {t('suggest.label', { code: label })}
        {evidence.length > 0 && (
          <span className="suggestion-chip__why">
            {' '}
            {t('suggest.because', { words: evidence.join(', ') })}
          </span>
        )}
      </span>
      <button
        type="button"
        className="button button--small"
        aria-label={t('suggest.confirmLabel', { code: label })}
        onClick={() => {
          const result = editRipple(doc, actor, ripple.id, { code: code.id });
          if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
        }}
      >
        {t('suggest.confirm')}
      </button>
    </div>
  );
}
