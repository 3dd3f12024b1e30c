import { useId, useState } from 'react';
import { LIMITS } from '../../shared/model/limits';
import { JOIN_CODE_LENGTH, joinCodeProblem, normalizeJoinCode } from '../../shared/protocol/joinCode';
import { joinSession } from '../api/api';
import {
  loadIdentity,
  type ParticipantIdentity,
  rememberJoinCode,
  saveIdentity,
} from '../device/participantIdentity';
import { httpErrorKey } from '../i18n/errorText';
import type { MessageKey } from '../i18n/nl';
import { type MessageParams, useT } from '../i18n/useT';

/** The phone's join step: the code (prefilled from /j/CODE), an optional name, "Meedoen". */
export function JoinForm({
  initialCode,
  onJoined,
}: {
  initialCode: string;
  onJoined: (sessionId: string, identity: ParticipantIdentity) => void;
}) {
  const t = useT();
  const id = useId();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: MessageKey; params?: MessageParams } | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (busy) return;
    const normalized = normalizeJoinCode(code);
    const problem = joinCodeProblem(normalized);
    if (problem?.kind === 'length') {
      setError({
        key: problem.length === 0 ? 'join.error.empty' : 'join.error.length',
        params: { count: problem.length, length: JOIN_CODE_LENGTH },
      });
      return;
    }
    if (problem) {
      setError({ key: 'join.error.character', params: { character: problem.character } });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await joinSession(normalized, name.trim());
    setBusy(false);
    if (!result.ok) {
      setError({ key: httpErrorKey(result.error) });
      return;
    }
    const joined = result.value;
    rememberJoinCode(normalized, joined.sessionId);
    // Someone who joined this session before stays the same person (and keeps their ripples).
    const known = loadIdentity(joined.sessionId);
    const identity: ParticipantIdentity = known
      ? { ...known, title: joined.title }
      : {
          participantId: joined.participantId,
          secret: joined.secret,
          name: joined.name,
          title: joined.title,
        };
    saveIdentity(joined.sessionId, identity);
    onJoined(joined.sessionId, identity);
  }

  return (
    <form className="join-form" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field__label">{t('join.code')}</span>
        <input
          className="code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={40}
          aria-invalid={error !== null && error.key !== 'error.http.network'}
          aria-describedby={`${id}-code-hint`}
          placeholder="ACD-EFH"
        />
        <span className="field__hint" id={`${id}-code-hint`}>
          {t('join.codeHint')}
        </span>
      </label>
      <label className="field">
        <span className="field__label">{t('join.name')}</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="given-name"
          maxLength={LIMITS.name}
        />
        <span className="field__hint">{t('join.nameHint')}</span>
      </label>
      {error && (
        <p className="form-error" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
      <button type="submit" className="button button--primary button--wide" disabled={busy}>
        {busy ? t('join.joining') : t('join.submit')}
      </button>
    </form>
  );
}
