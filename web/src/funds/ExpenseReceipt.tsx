/** The receipt of an upload of expenses: the files with their SHA-256, the lines and amount stored. */
import { useT } from '../i18n/i18n.tsx';
import { pathOf } from '../api.ts';
import { formatBytes, formatCents, formatDateTime, formatInteger } from '../format.ts';
import { getReceipt, type UploadReceipt } from '../../../src/contract/fund-reporting.ts';
import { getReceiptPdf } from '../../../src/contract/receipts.ts';

export function ExpenseReceipt({ receipt }: { receipt: UploadReceipt }) {
  const t = useT();
  return (
    <div className="receipt border-start border-4 border-success funds-panel p-3 mt-3" role="status" aria-labelledby="expense-receipt-title">
      <h3 id="expense-receipt-title" className="h5">
        {t('funds.upload.receiptTitle')}
      </h3>
      <p className="small">{t('funds.upload.receiptIntro', { lines: receipt.stored, shown: formatInteger(receipt.stored), amount: formatCents(receipt.amount) })}</p>
      {receipt.files.map((f) => (
        <dl className="row mb-2" key={f.sha256}>
          <dt className="col-sm-3">{t('funds.upload.file')}</dt>
          <dd className="col-sm-9 receipt-file-name">{f.name}</dd>
          <dt className="col-sm-3">{t('funds.upload.lines')}</dt>
          <dd className="col-sm-9 receipt-lines">{formatInteger(f.lines)}</dd>
          <dt className="col-sm-3">{t('funds.upload.size')}</dt>
          <dd className="col-sm-9">{formatBytes(f.bytes)}</dd>
          <dt className="col-sm-3">{t('funds.upload.sha256')}</dt>
          <dd className="col-sm-9">
            <code className="receipt-sha256 text-break">{f.sha256}</code>
          </dd>
        </dl>
      ))}
      <dl className="row mb-2">
        <dt className="col-sm-3">{t('funds.upload.at')}</dt>
        <dd className="col-sm-9 receipt-at">{formatDateTime(receipt.at)}</dd>
        <dt className="col-sm-3">{t('funds.upload.receiptNumber')}</dt>
        <dd className="col-sm-9">{receipt.id}</dd>
      </dl>
      <a href={pathOf(getReceiptPdf.url, { id: receipt.id })} download className="btn btn-success btn-sm me-2">
        {t('receipts.pdfLink')}
      </a>
      <a href={`${pathOf(getReceipt.url, { id: receipt.id })}?download=true`} download className="btn btn-outline-success btn-sm">
        {t('funds.upload.download')}
      </a>
    </div>
  );
}
