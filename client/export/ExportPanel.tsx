import './export.css';
import { useId, useState } from 'react';
import type * as Y from 'yjs';
import { readMeta } from '../../shared/doc/read';
import { type CsvDialect, linksCsv, ripplesCsv } from '../../shared/export/csv';
import { withNames } from '../../shared/export/names';
import { exportSession } from '../../shared/export/sessionExport';
import { fileSlug as slug } from '../../shared/util/fileSlug';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';
import type { MapLayout } from './mapImage';
import { NamePolicyField, useNamePolicy } from './namePolicy';

const SIZES = { a4: 3508, a3: 4961, wide: 3000 } as const;
type Size = keyof typeof SIZES;

type Status =
  | { kind: 'idle' }
  | { kind: 'working'; step: 'export.working.drawing' | 'export.working.png' }
  | { kind: 'done'; name: string; width?: number; height?: number; scaledDown?: boolean }
  | { kind: 'failed'; reason: string };

/**
 * Everything a researcher takes home: the map as PNG or SVG (the whole map, in the
 * current layout), the session as JSON, and the two-sheet spreadsheet. Made in the
 * browser from the document, so it works offline and matches the screen.
 */
export function ExportPanel({ doc, getLayout }: { doc: Y.Doc; getLayout: () => MapLayout }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  const [size, setSize] = useState<Size>('a4');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const busy = status.kind === 'working';
  const names = useNamePolicy((s) => s.names);
  /** The session as a file: everything, with names as chosen. */
  const data = () => withNames(exportSession(doc), names);

  async function save(name: string, make: () => Promise<Blob> | Blob) {
    try {
      const { download } = await import('./mapImage');
      download(name, await make());
      setStatus({ kind: 'done', name });
    } catch (error) {
      setStatus({ kind: 'failed', reason: (error as Error).message });
    }
  }

  // Only the title: a whole exportSession (every ripple through docToView) just to name a file would add to the picture's wait.
  const title = () => slug(readMeta(doc).title);
  const csv = (sheet: 'ripples' | 'links', dialect: CsvDialect) => {
    const file = data();
    const text = sheet === 'ripples' ? ripplesCsv(file, dialect) : linksCsv(file, dialect);
    const suffix = `${sheet === 'ripples' ? 'rimpelingen' : 'verbindingen'}${dialect === 'rfc4180' ? '' : '-excel'}`;
    return save(
      `${slug(file.session.title)}-${suffix}.csv`,
      () => new Blob([text], { type: 'text/csv;charset=utf-8' }),
    );
  };

  async function picture(format: 'png' | 'svg') {
    setStatus({ kind: 'working', step: 'export.working.drawing' });
    try {
      const { mapSvg, svgToPng, download } = await import('./mapImage');
      // Let the status paint before the drawing takes the main thread.
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const svg = mapSvg(doc, getLayout(), language, new Date(), names);
      const name = `${title()}.${format}`;
      if (format === 'svg') {
        download(name, new Blob([svg], { type: 'image/svg+xml' }));
        setStatus({ kind: 'done', name });
        return;
      }
      setStatus({ kind: 'working', step: 'export.working.png' });
      const png = await svgToPng(svg, SIZES[size]);
      download(name, png.blob);
      setStatus({
        kind: 'done',
        name,
        width: png.width,
        height: png.height,
        scaledDown: png.width < SIZES[size],
      });
    } catch (error) {
      setStatus({ kind: 'failed', reason: (error as Error).message });
    }
  }

  return (
    <section className="export-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('export.heading')}</h2>
      <p className="field__hint">{t('export.intro')}</p>
      <NamePolicyField />
      <h3>{t('export.picture')}</h3>
      <label className="field">
        <span className="field__label">{t('export.size')}</span>
        <select value={size} onChange={(e) => setSize(e.target.value as Size)} disabled={busy}>
          <option value="a4">{t('export.size.a4')}</option>
          <option value="a3">{t('export.size.a3')}</option>
          <option value="wide">{t('export.size.wide')}</option>
        </select>
      </label>
      <div className="button-row">
        <button type="button" className="button" onClick={() => picture('png')} disabled={busy}>
          {t('export.png')}
        </button>
        <button type="button" className="button" onClick={() => picture('svg')} disabled={busy}>
          {t('export.svg')}
        </button>
      </div>
      <h3>{t('export.data')}</h3>
      <div className="button-column">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() =>
            save(
              `${title()}.kringen.json`,
              () => new Blob([JSON.stringify(data(), null, 2)], { type: 'application/json' }),
            )
          }
        >
          {t('export.json')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => csv('ripples', 'excel-nl')}
        >
          {t('export.csvExcel')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => csv('ripples', 'rfc4180')}
        >
          {t('export.csvPlain')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => csv('links', 'excel-nl')}
        >
          {t('export.linksExcel')}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => csv('links', 'rfc4180')}
        >
          {t('export.linksPlain')}
        </button>
      </div>
      <p className="export-panel__status" role="status" aria-live="polite">
        {status.kind === 'working' && t(status.step)}
        {status.kind === 'done' &&
          (status.width
            ? t('export.donePng', { name: status.name, width: status.width, height: status.height ?? 0 })
            : t('export.done', { name: status.name }))}
        {status.kind === 'done' &&
          status.scaledDown &&
          ` ${t('export.scaledDown', { width: status.width ?? 0 })}`}
        {status.kind === 'failed' && t('export.failed', { reason: status.reason })}
      </p>
    </section>
  );
}
