import './export.css';
import { useEffect, useId, useMemo, useState } from 'react';
import * as Y from 'yjs';
import type { GrowthPoint } from '../../shared/export/replay';
import { importSession, parseSessionExport } from '../../shared/export/sessionExport';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { download } from './mapImage';
import { NamePolicyField, useNamePolicy } from './namePolicy';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; points: GrowthPoint[] }
  | { kind: 'failed'; reason: string };

/**
 * Scrubs through the session's stored history: pick a moment and see the map as it was
 * then (when each ripple arrived, was linked, was coded). The growth per minute can be
 * downloaded as data.
 */
export function ReplayPanel({ sessionId, screenKey }: { sessionId: string; screenKey: string }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [index, setIndex] = useState(0);
  const [picture, setPicture] = useState<string | null>(null);
  const headers = useMemo(() => ({ 'x-kringen-key': screenKey }), [screenKey]);
  const names = useNamePolicy((s) => s.names);

  useEffect(() => {
    let live = true;
    fetch(`/api/sessions/${sessionId}/growth.json`, { headers })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body: { points: GrowthPoint[] }) => {
        if (!live) return;
        setLoaded({ kind: 'ready', points: body.points });
        setIndex(Math.max(0, body.points.length - 1));
      })
      .catch((error: Error) => live && setLoaded({ kind: 'failed', reason: error.message }));
    return () => {
      live = false;
    };
  }, [sessionId, headers]);

  const point = loaded.kind === 'ready' ? loaded.points[index] : undefined;
  useEffect(() => {
    if (!point) return;
    let live = true;
    // The end of the chosen minute: everything stored in it counts.
    const at = point.at + 59_999;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/sessions/${sessionId}/export.json?at=${at}&names=${names}`, {
        headers,
      });
      const parsed = parseSessionExport(await response.json());
      if (!live || !parsed.ok) return;
      const doc = new Y.Doc();
      importSession(doc, parsed.value);
      const { mapSvg } = await import('./mapImage');
      const positions = new Map(
        parsed.value.ripples.flatMap((r) => (r.position ? [[r.id, r.position] as const] : [])),
      );
      // The server masked the names already (`names=`).
      const svg = mapSvg(doc, { positions }, language, new Date(at));
      doc.destroy();
      if (live) setPicture(URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [point, sessionId, headers, language, names]);
  useEffect(() => () => void (picture && URL.revokeObjectURL(picture)), [picture]);

  async function growthCsv() {
    const response = await fetch(`/api/sessions/${sessionId}/growth.csv`, { headers });
    download(`${sessionId}-groei.csv`, await response.blob());
  }

  const time = (ms: number) =>
    new Date(ms).toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  return (
    <section className="replay" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('replay.heading')}</h2>
      <p className="field__hint">{t('replay.intro')}</p>
      <NamePolicyField />
      {loaded.kind === 'loading' && <p role="status">{t('replay.loading')}</p>}
      {loaded.kind === 'failed' && <p role="alert">{t('export.failed', { reason: loaded.reason })}</p>}
      {loaded.kind === 'ready' && loaded.points.length === 0 && <p>{t('replay.empty')}</p>}
      {loaded.kind === 'ready' && point && (
        <>
          <label className="field">
            <span className="field__label">{t('replay.slider')}</span>
            <input
              type="range"
              min={0}
              max={loaded.points.length - 1}
              value={index}
              onChange={(e) => setIndex(Number(e.target.value))}
              aria-valuetext={time(point.at)}
            />
          </label>
          <p role="status" aria-live="polite" className="replay__status">
            {t('replay.at', {
              time: time(point.at),
              ripples: point.ripples,
              onMap: point.onMap,
              links: point.links,
            })}
          </p>
          {picture && <img className="replay__picture" src={picture} alt={t('replay.picture')} />}
          <button type="button" className="button button--small" onClick={growthCsv}>
            {t('replay.growthCsv')}
          </button>
        </>
      )}
    </section>
  );
}
