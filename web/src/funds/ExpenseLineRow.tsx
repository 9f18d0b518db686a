/** A line of the report's table, with the actions its state allows and the panel they open below it. */
import type { ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { formatCents, formatDate } from '../format.ts';
import type { ExpenseLine } from '../../../src/contract/fund-reporting.ts';

export function ExpenseLineRow({ line, writer, mode, status, setMode, children }: { line: ExpenseLine; writer: boolean; mode: 'edit' | 'delete' | 'correct' | null; status: string; setMode: (kind: 'edit' | 'delete' | 'correct' | null) => void; children: ReactNode }) {
  const t = useT();
  return (
    <>
      <tr>
        <th scope="row">{line.document}</th>
        <td>
          {line.fund} {line.annuality}
        </td>
        <td>{line.area}</td>
        <td>{line.description}</td>
        <td>{formatDate(line.paidOn)}</td>
        <td className="text-end">{formatCents(line.amount)}</td>
        <td>{status}</td>
        {writer && (
          <td>
            {!line.submitted ? (
              <div className="d-flex gap-1 flex-wrap">
                <Button color="primary" outline size="xs" onClick={() => setMode(mode === 'edit' ? null : 'edit')} aria-expanded={mode === 'edit'}>
                  {t('funds.report.edit')}
                  <span className="visually-hidden"> {line.document}</span>
                </Button>
                <Button color="danger" outline size="xs" onClick={() => setMode('delete')}>
                  {t('funds.report.delete')}
                  <span className="visually-hidden"> {line.document}</span>
                </Button>
              </div>
            ) : (
              <Button color="primary" outline size="xs" onClick={() => setMode(mode === 'correct' ? null : 'correct')} aria-expanded={mode === 'correct'}>
                {t('funds.report.requestCorrection')}
                <span className="visually-hidden"> {line.document}</span>
              </Button>
            )}
          </td>
        )}
      </tr>
      {mode && (
        <tr>
          <td colSpan={writer ? 8 : 7}>{children}</td>
        </tr>
      )}
    </>
  );
}
