/** Page navigation for API lists (`page`, `pageSize`, `total`), with design-react-kit's Pager. */
import { Icon, Pager, PagerItem, PagerLink } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatInteger } from '../format.ts';

interface PagingProps {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
  /** What is being paged, for the navigation landmark's name ("distretti"). */
  what: string;
}

/** 1 … 4 5 6 … 10: the first, the last and the neighbours of the current page. */
export function pageWindow(page: number, pages: number): (number | 'gap')[] {
  const wanted = new Set([1, pages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pages));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && p - last > 1) out.push(p - last === 2 ? last + 1 : 'gap');
    out.push(p);
  }
  return out;
}

export function ResultCount({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useT();
  if (total === 0) return null;
  const from = (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <p className="text-muted mb-2" aria-live="polite">
      {t('common.resultsRange', { from: formatInteger(from), to: formatInteger(to), total: formatInteger(total) })}
    </p>
  );
}

export function Paging({ page, pageSize, total, onChange, what }: PagingProps) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const go = (p: number) => () => onChange(Math.min(pages, Math.max(1, p)));
  return (
    <Pager
      aria-label={t('common.pagerLabel', { what })}
      className="mt-3"
      total={{ ariaLabel: t('common.pageOfAria', { page, pages }), label: '' }}
    >
      <PagerItem disabled={page <= 1}>
        <PagerLink tag="button" type="button" onClick={go(page - 1)} disabled={page <= 1} aria-label={t('common.pagePrevious')}>
          <Icon icon="it-chevron-left" aria-hidden="true" />
        </PagerLink>
      </PagerItem>
      {pageWindow(page, pages).map((p, i) =>
        p === 'gap' ? (
          <PagerItem key={`gap-${i}`}>
            <span className="page-link" aria-hidden="true">
              …
            </span>
          </PagerItem>
        ) : (
          <PagerItem key={p} active={p === page}>
            <PagerLink
              tag="button"
              type="button"
              onClick={go(p)}
              aria-current={p === page ? 'page' : undefined}
              aria-label={t('common.pageNumber', { page: p })}
            >
              {p}
            </PagerLink>
          </PagerItem>
        ),
      )}
      <PagerItem disabled={page >= pages}>
        <PagerLink tag="button" type="button" onClick={go(page + 1)} disabled={page >= pages} aria-label={t('common.pageNext')}>
          <Icon icon="it-chevron-right" aria-hidden="true" />
        </PagerLink>
      </PagerItem>
    </Pager>
  );
}
