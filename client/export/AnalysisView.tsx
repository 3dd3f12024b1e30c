import './export.css';
import { useId, useMemo } from 'react';
import type * as Y from 'yjs';
import { analyzeSession, type SessionAnalysis } from '../../shared/analysis/analyzeSession';
import { exportSession } from '../../shared/export/sessionExport';
import { ONGOING_TEXT } from '../board/EditRipplePanel';
import { useLanguage } from '../i18n/language';
import type { MessageKey } from '../i18n/nl';
import { useT } from '../i18n/useT';
import { download, svgToPng } from './mapImage';
import { SecondCodeTable } from './SecondCodeTable';

const BAR = 26;

/** A horizontal bar chart as plain SVG (exportable as PNG, printable, readable without colour). */
function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: Array<{ label: string; value: number; color?: string }>;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * (BAR + 10) + 10;
  return (
    <svg
      className="chart"
      role="img"
      aria-label={title}
      viewBox={`0 0 520 ${height}`}
      width="520"
      height={height}
    >
      <title>{title}</title>
      {rows.map((row, i) => (
        <g key={row.label} transform={`translate(0 ${10 + i * (BAR + 10)})`}>
          <text x="0" y={BAR * 0.7} fontSize="15" fill="#0f172a">
            {row.label}
          </text>
          <rect
            x="220"
            width={(260 * row.value) / max}
            height={BAR}
            fill={row.color ?? '#0b4f6c'}
            stroke="#0f172a"
          />
          <text x={226 + (260 * row.value) / max} y={BAR * 0.7} fontSize="15" fill="#0f172a">
            {row.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

async function chartAsPng(section: HTMLElement | null, name: string) {
  const svg = section?.querySelector('svg');
  if (!svg) return;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('font-family', 'Atkinson Hyperlegible, DejaVu Sans, Arial, sans-serif');
  const png = await svgToPng(copy.outerHTML.replace('<svg', '<svg style="background:#fff"'), 1560);
  download(name, png.blob);
}

/**
 * What the map says, in counts: codes by order, intended vs unintended, positive vs
 * negative, ripples over time, the most-voted ripples. Prints as a one-page summary.
 */
export function AnalysisView({ doc, version }: { doc: Y.Doc; version?: unknown }) {
  const t = useT();
  const language = useLanguage();
  const id = useId();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes with the document, so the counts follow the map
  const { analysis, data } = useMemo(() => {
    const exported = exportSession(doc);
    return {
      data: exported,
      analysis: analyzeSession(exported.ripples, exported.session, exported.codebook),
    };
  }, [doc, version]);
  const codeLabel = (code: string) =>
    data.codebook.codes.find((c) => c.id === code)?.label[language] ?? t('export.notCoded');
  const colorOf = (code: string) => data.codebook.codes.find((c) => c.id === code)?.color ?? '#8a8f98';
  const chart = (
    key: MessageKey,
    rows: Array<{ label: string; value: number; color?: string }>,
    file: string,
  ) => (
    <section className="analysis__block" aria-label={t(key)}>
      <h3>{t(key)}</h3>
      <BarChart title={t(key)} rows={rows} />
      <button
        type="button"
        className="button button--small no-print"
        onClick={(e) => chartAsPng(e.currentTarget.parentElement, `${file}.png`)}
      >
        {t('analysis.chartPng')}
      </button>
    </section>
  );
  const over = (a: SessionAnalysis) => [
    ...a.overTime.phases.map((p) => ({ label: p.label, value: p.count })),
    ...a.overTime.months.map((m) => ({ label: m.month, value: m.count })),
    { label: t('analysis.undated'), value: a.overTime.undated },
  ];
  return (
    <section className="analysis" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('analysis.heading')}</h2>
      <p className="analysis__meta">
        <strong>{data.session.title}</strong> · {data.session.programme} ·{' '}
        {t('analysis.total', { count: analysis.total })}
      </p>
      <h3>{t('analysis.byCodeOrder')}</h3>
      <table className="analysis__table">
        <thead>
          <tr>
            <th scope="col">{t('analysis.code')}</th>
            <th scope="col">{t('analysis.order1')}</th>
            <th scope="col">{t('analysis.order2')}</th>
            <th scope="col">{t('analysis.order3')}</th>
            <th scope="col">{t('analysis.sum')}</th>
          </tr>
        </thead>
        <tbody>
          {analysis.codeByOrder.map((row) => (
            <tr key={row.code || 'none'}>
              <th scope="row">{codeLabel(row.code)}</th>
              <td>{row.counts[1]}</td>
              <td>{row.counts[2]}</td>
              <td>{row.counts[3]}</td>
              <td>{row.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {chart(
        'analysis.byCodeOrder',
        analysis.codeByOrder.map((r) => ({
          label: codeLabel(r.code),
          value: r.total,
          color: colorOf(r.code),
        })),
        'codes',
      )}
      {chart(
        'analysis.intended',
        (['intended', 'unintended', 'unknown'] as const).map((k) => ({
          label: t(`value.${k}`),
          value: analysis.intended[k],
        })),
        'bedoeld-onbedoeld',
      )}
      {chart(
        'analysis.valence',
        (['positive', 'negative', 'mixed', 'unknown'] as const).map((k) => ({
          label: t(`value.${k}`),
          value: analysis.valence[k],
        })),
        'positief-negatief',
      )}
      {chart(
        'analysis.source',
        [
          { label: t('analysis.fromInterview'), value: analysis.source.interview },
          { label: t('analysis.direct'), value: analysis.source.direct },
        ],
        'herkomst',
      )}
      {chart('analysis.overTime', over(analysis), 'door-de-tijd')}
      <SecondCodeTable data={data} />
      {chart(
        'ongoing.legend',
        (['ongoing', 'stopped', 'unknown'] as const).map((k) => ({
          label: t(ONGOING_TEXT[k]),
          value: data.ripples.filter((r) => r.status === 'accepted' && r.ongoing === k).length,
        })),
        'nog-gaande',
      )}
      <h3>{t('analysis.mostVoted')}</h3>
      {data.session.votingOpen ? (
        // Counts seen while people vote steer the vote, also on the facilitator's screen.
        <p>{t('analysis.votingOpen')}</p>
      ) : analysis.mostVoted.length === 0 ? (
        <p>{t('analysis.none')}</p>
      ) : (
        <ol className="analysis__voted">
          {analysis.mostVoted.map((r) => (
            <li key={r.id}>
              {r.text} — {t('analysis.votes', { count: r.votes })}
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="button no-print" onClick={() => window.print()}>
        {t('analysis.print')}
      </button>
    </section>
  );
}
