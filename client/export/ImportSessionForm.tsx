import './export.css';
import { useId, useState } from 'react';
import { useT } from '../i18n/useT';
import { type ImportIssue, openAsNewSession } from './openAsNewSession';

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
    const result = await openAsNewSession(data);
    if (result?.kind === 'refused') setState({ kind: 'refused', issues: result.issues });
    else if (result?.kind === 'failed')
      setState({ kind: 'failed', text: t('export.failed', { reason: result.reason }) });
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
