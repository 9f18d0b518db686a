/**
 * "Scarica XLSX": the table on screen as a spreadsheet, with the page's filters (an endpoint of
 * src/contract/exports.ts). A plain download link: the browser keeps the session cookie.
 */
import { Icon } from 'design-react-kit';
import type { Endpoint, InputOf } from '../../../src/contract/endpoint.ts';
import { pathOf, withQuery, type Query } from '../api.ts';
import { useT } from '../i18n/i18n.tsx';

export function ExportLink<E extends Endpoint>({ endpoint, input, what }: { endpoint: E; input: InputOf<E>; what: string }) {
  const t = useT();
  const { params, query } = input as { params?: Record<string, unknown>; query?: Query };
  return (
    <a className="btn btn-outline-primary btn-sm btn-icon no-print" href={withQuery(pathOf(endpoint.url, params), query)} download aria-label={t('export.xlsxOf', { what })}>
      <Icon icon="it-download" size="sm" color="primary" aria-hidden="true" />
      <span>{t('export.xlsx')}</span>
    </a>
  );
}
