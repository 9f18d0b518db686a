/** `/ricevute`: every receipt the user may see, newest first, each downloadable as a PDF. */
import { useState } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { formatDateTime } from '../format.ts';
import { pathOf } from '../api.ts';
import { useEndpoint } from '../query.ts';
import { PageHeading } from '../components/PageHeading.tsx';
import { Loading } from '../components/Loading.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { Paging, ResultCount } from '../components/Paging.tsx';
import { getReceiptPdf, listReceipts } from '../../../src/contract/receipts.ts';

const PAGE_SIZE = 20;

export function ReceiptsPage() {
  const t = useT();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useEndpoint(listReceipts, { query: { page, pageSize: PAGE_SIZE } });
  return (
    <>
      <PageHeading title={t('receipts.title')} />
      <p className="lead">{t('receipts.intro')}</p>
      <ErrorAlert error={error} />
      {loading && !data && <Loading />}
      {data && data.items.length === 0 && <EmptyState text={t('receipts.empty')} />}
      {data && data.items.length > 0 && (
        <>
          <ResultCount page={data.page} pageSize={data.pageSize} total={data.total} />
          <div className="table-responsive">
            <table className="table caption-top">
              <caption>{t('receipts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('receipts.colProtocol')}</th>
                  <th scope="col">{t('receipts.colKind')}</th>
                  <th scope="col">{t('receipts.colAt')}</th>
                  <th scope="col">{t('receipts.colActor')}</th>
                  <th scope="col">{t('receipts.colDistrict')}</th>
                  <th scope="col">{t('receipts.colFiles')}</th>
                  <th scope="col">{t('receipts.colPdf')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">{r.protocol}</th>
                    <td>{t(`receipts.kind.${r.kind}`)}</td>
                    <td>{formatDateTime(r.at)}</td>
                    <td>{r.actor}</td>
                    <td>{r.district ?? t('common.dash')}</td>
                    <td className="text-break">{r.files.length ? r.files.join(', ') : t('common.dash')}</td>
                    <td>
                      <a href={pathOf(getReceiptPdf.url, { id: r.id })} download aria-label={t('receipts.downloadOf', { protocol: r.protocol })}>
                        {t('receipts.download')}
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Paging page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} what={t('receipts.what')} />
        </>
      )}
    </>
  );
}
