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
import { listMySessions } from '../device/mySessions';
import { peekScreenKey } from '../device/screenKey';
import { useT } from '../i18n/useT';
import { openAsNewSession } from './openAsNewSession';

type State =
  | { kind: 'idle' }
  | { kind: 'working' }
  | { kind: 'planned'; plan: MergePlan; files: number }
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
  const [files, setFiles] = useState<SessionExport[]>([]);
  const [ticked, setTicked] = useState<string[]>([]);
  // Sessions this device opened as facilitator, whose board key it still holds.
  const [mine] = useState(() => listMySessions().filter((m) => peekScreenKey('board', m.id) !== null));

  /** The files chosen, read and checked; null when one of them is not a session file. */
  async function readFiles(list: FileList | null): Promise<SessionExport[] | null> {
    const files: SessionExport[] = [];
    for (const file of [...(list ?? [])]) {
      let parsed: ReturnType<typeof parseSessionExport>;
      try {
        parsed = parseSessionExport(JSON.parse(await file.text()));
      } catch {
        setState({ kind: 'failed', text: t('merge.notASession', { file: file.name }) });
        return null;
      }
      if (!parsed.ok) {
        const first = parsed.error[0];
        setState({
          kind: 'failed',
          text: `${t('merge.notASession', { file: file.name })} ${t('import.refused', { field: first?.path ?? '', message: first?.message ?? '' })}`,
        });
        return null;
      }
      files.push(parsed.value);
    }
    return files;
  }

  /** The sessions of this device that are ticked, as their server exports them now. */
  async function fetchMine(ids: readonly string[]): Promise<SessionExport[] | null> {
    const out: SessionExport[] = [];
    for (const sessionId of ids) {
      const key = peekScreenKey('board', sessionId) ?? '';
      const response = await fetch(`/api/sessions/${sessionId}/export.json`, {
        headers: { 'x-kringen-key': key },
      });
      const parsed = response.ok ? parseSessionExport(await response.json()) : null;
      if (!parsed?.ok) {
        const title = mine.find((m) => m.id === sessionId)?.title ?? sessionId;
        setState({ kind: 'failed', text: t('merge.notASession', { file: title }) });
        return null;
      }
      out.push(parsed.value);
    }
    return out;
  }

  /** Plans the merge of the chosen files and the ticked sessions of this device. */
  async function plan(files: SessionExport[], ticked: readonly string[]) {
    setState({ kind: 'working' });
    const fetched = await fetchMine(ticked);
    if (!fetched) return;
    const all = [...files, ...fetched];
    if (all.length < 2) {
      setState({ kind: 'failed', text: t('merge.needTwo') });
      return;
    }
    const name = t('merge.defaultTitle', { titles: all.map((f) => f.session.title).join(' + ') });
    setTitle(name);
    setChoices({});
    setState({ kind: 'planned', plan: mergeExports(all, name, new Date()), files: all.length });
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
          onChange={async (event) => {
            const read = await readFiles(event.currentTarget.files);
            if (!read) return;
            setFiles(read);
            if (read.length + ticked.length >= 2) await plan(read, ticked);
          }}
        />
      </label>
      {mine.length > 0 && (
        <fieldset className="merge-sessions__mine">
          <legend>{t('merge.mine')}</legend>
          {mine.map((session) => (
            <label key={session.id} className="merge-sessions__mine-item">
              <input
                type="checkbox"
                checked={ticked.includes(session.id)}
                onChange={async (event) => {
                  const next = event.currentTarget.checked
                    ? [...ticked, session.id]
                    : ticked.filter((id) => id !== session.id);
                  setTicked(next);
                  if (files.length + next.length >= 2) await plan(files, next);
                }}
              />
              {session.title}
            </label>
          ))}
        </fieldset>
      )}
      {state.kind === 'planned' && (
        <>
          <p role="status">
            {t('merge.summary', {
              files: state.files,
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
