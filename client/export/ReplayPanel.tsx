import './export.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import type { GrowthPoint } from '../../shared/export/replay';
import { importSession, parseSessionExport } from '../../shared/export/sessionExport';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import { download, svgToPng } from './mapImage';
import { NamePolicyField, useNamePolicy } from './namePolicy';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; points: GrowthPoint[] }
  | { kind: 'failed'; reason: string };

/** How long a step shows while the replay plays. */
const PLAY_STEP_MS = 1200;
/** The width of a step's PNG: a slide or a report page. */
const STEP_PNG_WIDTH = 1920;

/**
 * Scrubs through the session's stored history: pick a moment and see the map as it was
 * then (when each ripple arrived, was linked, was coded). The growth per minute can be
 * downloaded as data. "Groot tonen" shows the replay over the whole screen, to show a
 * room, with play and pause; each moment can be saved as a PNG.
 */
export function ReplayPanel({ sessionId, screenKey }: { sessionId: string; screenKey: string }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [index, setIndex] = useState(0);
  const [picture, setPicture] = useState<string | null>(null);
  const [svgText, setSvgText] = useState<string | null>(null);
  const [large, setLarge] = useState(false);
  const [playing, setPlaying] = useState(false);
  const largeClose = useRef<HTMLButtonElement>(null);
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
      if (!live) return;
      setSvgText(svg);
      setPicture(URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [point, sessionId, headers, language, names]);
  useEffect(() => () => void (picture && URL.revokeObjectURL(picture)), [picture]);

  const count = loaded.kind === 'ready' ? loaded.points.length : 0;
  // Playing: one step after another, stopping at the last.
  useEffect(() => {
    if (!playing) return;
    if (index >= count - 1) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setIndex((i) => Math.min(i + 1, count - 1)), PLAY_STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, index, count]);
  useEffect(() => {
    if (!large) return;
    largeClose.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setLarge(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [large]);

  async function stepPng() {
    if (!svgText || !point) return;
    const { blob } = await svgToPng(svgText, STEP_PNG_WIDTH);
    const stamp = new Date(point.at).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    download(`${sessionId}-${stamp}.png`, blob);
  }

  async function growthCsv() {
    const response = await fetch(`/api/sessions/${sessionId}/growth.csv`, { headers });
    download(`${sessionId}-groei.csv`, await response.blob());
  }

  const time = (ms: number) =>
    new Date(ms).toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  // What the chosen moment shows, said beside the slider and on the large view alike.
  const moment =
    point &&
    t('replay.at', { time: time(point.at), ripples: point.ripples, onMap: point.onMap, links: point.links });
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
            {moment}
          </p>
          {picture && <img className="replay__picture" src={picture} alt={t('replay.picture')} />}
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => setLarge(true)}>
              {t('replay.large')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={!svgText}
              onClick={() => void stepPng()}
            >
              {t('replay.stepPng')}
            </button>
            <button type="button" className="button button--small" onClick={growthCsv}>
              {t('replay.growthCsv')}
            </button>
          </div>
          {large && (
            <div className="replay-large" role="dialog" aria-modal="true" aria-labelledby={`${id}-large`}>
              <div className="replay-large__bar">
                <h2 id={`${id}-large`} className="visually-hidden">
                  {t('replay.heading')}
                </h2>
                <button
                  type="button"
                  className="button button--primary"
                  aria-pressed={playing}
                  onClick={() => {
                    if (!playing && index >= count - 1) setIndex(0);
                    setPlaying(!playing);
                  }}
                >
                  {playing ? t('replay.pause') : t('replay.play')}
                </button>
                <input
                  type="range"
                  className="replay-large__slider"
                  aria-label={t('replay.slider')}
                  min={0}
                  max={count - 1}
                  value={index}
                  onChange={(e) => setIndex(Number(e.target.value))}
                  aria-valuetext={time(point.at)}
                />
                <button type="button" className="button" disabled={!svgText} onClick={() => void stepPng()}>
                  {t('replay.stepPng')}
                </button>
                <button ref={largeClose} type="button" className="button" onClick={() => setLarge(false)}>
                  {t('replay.close')}
                </button>
              </div>
              <p className="replay-large__status">{moment}</p>
              {picture && <img className="replay-large__picture" src={picture} alt={t('replay.picture')} />}
            </div>
          )}
        </>
      )}
    </section>
  );
}
