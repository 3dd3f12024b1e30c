import './export.css';
import { useId, useState } from 'react';
import {
  type DuplicateChoice,
  type MergePlan,
  mergeExports,
  resolveDuplicates,
} from '../../shared/export/mergeSessions';
import { parseSessionExport, type SessionExport } from '../../shared/export/sessionExport';
import { ChoiceGroup } from '../board/ChoiceGroup';
import { useT } from '../i18n/useT';
import { openAsNewSession } from './openAsNewSession';

type State =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'planned'; plan: MergePlan; files: string[] }
  | { kind: 'failed'; text: string };

/**
 * "Sessies samenvoegen": two or more session files become one map. Ripples that probably
 * tell the same are shown side by side, and the facilitator keeps both, merges them, or
 * drops one; everything else comes along with its links, codes and the session it came from.
 */
export function MergeSessionsForm() {
  const t = useT();
  const id = useId();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [title, setTitle] = useState('');
  const [choices, setChoices] = useState<Record<string, DuplicateChoice>>({});

  async function read(list: FileList | null) {
    const chosen = [...(list ?? [])];
    if (chosen.length < 2) {
      setState({ kind: 'failed', text: t('merge.needTwo') });
      return;
    }
    setState({ kind: 'working' });
    const files: SessionExport[] = [];
    for (const file of chosen) {
      let parsed: ReturnType<typeof parseSessionExport>;
      try {
        parsed = parseSessionExport(JSON.parse(await file.text()));
      } catch {
        setState({ kind: 'failed', text: t('merge.notASession', { file: file.name }) });
        return;
      }
      if (!parsed.ok) {
        const first = parsed.issues[0];
        setState({
          kind: 'failed',
          text: `${t('merge.notASession', { file: file.name })} ${t('import.refused', { field: first?.path ?? '', message: first?.message ?? '' })}`,
        });
        return;
      }
      files.push(parsed.value);
    }
    const name = t('merge.defaultTitle', { titles: files.map((f) => f.session.title).join(' + ') });
    setTitle(name);
    setChoices({});
    setState({
      kind: 'planned',
      plan: mergeExports(files, name, new Date()),
      files: chosen.map((f) => f.name),
    });
  }

  async function make(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind !== 'planned') return;
    const result = resolveDuplicates(state.plan, choices);
    setState({ kind: 'working' });
    const failed = await openAsNewSession({ ...result, session: { ...result.session, title } });
    if (failed?.kind === 'refused') {
      const first = failed.issues[0];
      setState({
        kind: 'failed',
        text: t('import.refused', { field: first?.path ?? '', message: first?.message ?? '' }),
      });
    } else if (failed) setState({ kind: 'failed', text: t('export.failed', { reason: failed.reason }) });
  }

  const ripple = (plan: MergePlan, rippleId: string) => plan.merged.ripples.find((r) => r.id === rippleId);
  return (
    <form className="card merge-sessions" onSubmit={make} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('merge.heading')}</h2>
      <p>{t('merge.intro')}</p>
      <label className="field">
        <span className="field__label">{t('merge.files')}</span>
        <input
          type="file"
          accept=".json,application/json"
          multiple
          onChange={(event) => void read(event.currentTarget.files)}
        />
      </label>
      {state.kind === 'planned' && (
        <>
          <p role="status">
            {t('merge.summary', {
              files: state.files.length,
              ripples: state.plan.merged.ripples.length,
              duplicates: state.plan.duplicates.length,
            })}
          </p>
          {state.plan.duplicates.length > 0 && <h3>{t('merge.duplicates')}</h3>}
          <ol className="merge-sessions__pairs">
            {state.plan.duplicates.map(({ keep, other }) => {
              const a = ripple(state.plan, keep);
              const b = ripple(state.plan, other);
              if (!a || !b) return null;
              return (
                <li key={other} className="merge-sessions__pair">
                  <div className="merge-sessions__side">
                    {[a, b].map((r) => (
                      <blockquote key={r.id}>
                        <p>{r.text}</p>
                        <footer>
                          {t('node.origin', { session: `${r.origin?.title}, ${r.origin?.date}` })}
                        </footer>
                      </blockquote>
                    ))}
                  </div>
                  <ChoiceGroup
                    legend={t('merge.choice')}
                    name={`pair-${other}`}
                    value={choices[other] ?? 'both'}
                    onChange={(choice) => setChoices((all) => ({ ...all, [other]: choice }))}
                    options={[
                      { value: 'both', label: t('merge.both') },
                      { value: 'merge', label: t('merge.merge') },
                      { value: 'drop', label: t('merge.drop') },
                    ]}
                  />
                </li>
              );
            })}
          </ol>
          <label className="field">
            <span className="field__label">{t('merge.title')}</span>
            <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={120} />
          </label>
          <button type="submit" className="button">
            {t('merge.submit')}
          </button>
        </>
      )}
      <p role="status" aria-live="polite" className="field__hint">
        {state.kind === 'working' && t('import.working')}
        {state.kind === 'failed' && state.text}
      </p>
    </form>
  );
}
