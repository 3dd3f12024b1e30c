import './export.css';
import { useId, useState } from 'react';
import type { CreatedSession } from '../api/api';
import { useT } from '../i18n/useT';
import { navigate, sessionPath } from '../routes';
import { rememberScreenKey } from '../session/screenKey';

interface ImportIssue {
  path: string;
  message: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'refused'; issues: ImportIssue[] }
  | { kind: 'failed'; text: string };

/**
 * Opens a session file (a JSON export) as a new session. The server checks the whole file
 * first and creates nothing when anything is wrong; the first problem is shown by field.
 */
export function ImportSessionForm() {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });

  async function open(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement).files?.[0];
    if (!file) return;
    setState({ kind: 'working' });
    let data: unknown;
    try {
      data = JSON.parse(await file.text());
    } catch {
      setState({ kind: 'failed', text: t('import.notJson') });
      return;
    }
    try {
      const response = await fetch('/api/sessions/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      });
      const body = (await response.json()) as CreatedSession & { issues?: ImportIssue[]; message?: string };
      if (!response.ok) {
        const issues = body.issues ?? [{ path: '(file)', message: body.message ?? String(response.status) }];
        setState({ kind: 'refused', issues });
        return;
      }
      rememberScreenKey('board', body.id, body.facilitatorKey);
      rememberScreenKey('present', body.id, body.viewerKey);
      navigate(sessionPath(body.id, 'board'));
    } catch (error) {
      setState({ kind: 'failed', text: t('export.failed', { reason: (error as Error).message }) });
    }
  }

  const first = state.kind === 'refused' ? state.issues[0] : undefined;
  return (
    <form className="card" onSubmit={open} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('import.heading')}</h2>
      <p>{t('import.intro')}</p>
      <label className="field">
        <span className="field__label">{t('import.file')}</span>
        <input name="file" type="file" accept=".json,application/json" required />
      </label>
      <button type="submit" className="button" disabled={state.kind === 'working'}>
        {t('import.submit')}
      </button>
      <p role="status" aria-live="polite" className="field__hint">
        {state.kind === 'working' && t('import.working')}
        {state.kind === 'failed' && state.text}
        {first && t('import.refused', { field: first.path, message: first.message })}
        {state.kind === 'refused' &&
          state.issues.length > 1 &&
          ` (${t('import.more', { count: state.issues.length - 1 })})`}
      </p>
    </form>
  );
}
