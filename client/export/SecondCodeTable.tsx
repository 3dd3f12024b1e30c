import { useId } from 'react';
import { crossTable } from '../../shared/analysis/crossTable';
import { findCodebook } from '../../shared/doc/codeRefs';
import type { SessionExport } from '../../shared/export/sessionExport';
import { useLanguage } from '../i18n/language';
import { useT } from '../i18n/useT';

/** The double coding as a table: main code (rows) × second code (columns), ripples on the map. */
export function SecondCodeTable({ data }: { data: SessionExport }) {
  const t = useT();
  const id = useId();
  const language = useLanguage();
  const second = findCodebook(data.session, data.session.secondCodebook);
  if (!second || second.id === data.codebook.id) return null;
  const table = crossTable(data.ripples, data.session, data.codebook, second);
  const label = (codebook: typeof second, code: string) =>
    code ? (codebook.codes.find((c) => c.id === code)?.label[language] ?? code) : t('export.notCoded');
  const title = t('analysis.cross', { main: data.codebook.label[language], second: second.label[language] });
  return (
    <section className="analysis__block" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <div className="analysis__scroll">
        <table className="analysis__cross">
          <thead>
            <tr>
              <th scope="col">{data.codebook.label[language]}</th>
              {table.columns.map((column) => (
                <th key={column || 'none'} scope="col">
                  {label(second, column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={row || 'none'}>
                <th scope="row">{label(data.codebook, row)}</th>
                {table.columns.map((column, j) => (
                  <td key={column || 'none'}>{table.counts[i]?.[j] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
