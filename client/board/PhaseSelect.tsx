import { setSessionPhase } from '../../shared/doc/commands';
import { SESSION_PHASES, type SessionPhase } from '../../shared/model/ripple';
import { commandErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { showNotice } from '../store/actions';
import { useSession, useSessionHandle } from '../store/SessionContext';
import { selectSessionPhase } from '../store/selectors';

export const PHASE_TEXT: Record<SessionPhase, MessageKey> = {
  interviews: 'phase.interviews',
  mapping: 'phase.mapping',
  reflection: 'phase.reflection',
  closed: 'phase.closed',
};

/** Interviews → mapping → reflection (voting open) → closed (read-only for everyone). */
export function PhaseSelect() {
  const t = useT();
  const { doc, actor, store } = useSessionHandle();
  const phase = useSession(selectSessionPhase);
  return (
    <label className="inline-field phase-select">
      <span className="phase-select__label">{t('phase.label')}</span>
      <select
        value={phase}
        onChange={(e) => {
          const result = setSessionPhase(doc, actor, e.target.value as SessionPhase);
          if (!result.ok) showNotice(store, commandErrorKey(result.error), 'error');
        }}
      >
        {SESSION_PHASES.map((p) => (
          <option key={p} value={p}>
            {t(PHASE_TEXT[p])}
          </option>
        ))}
      </select>
    </label>
  );
}
