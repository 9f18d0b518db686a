import { Alert } from 'design-react-kit';
import { ApiError, NETWORK_ERROR } from '../api.ts';
import type { Translate } from '../i18n/i18n.tsx';
import { useT } from '../i18n/i18n.tsx';

/** The server's Italian `detail` when there is one; otherwise a plain explanation. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.detail) return error.detail;
    if (error.status === NETWORK_ERROR) return t('error.network');
    return t('error.generic', { status: error.status });
  }
  return t('error.network');
}

export function ErrorAlert({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const details = error instanceof ApiError ? error.errors : [];
  return (
    <Alert fade={false} color="danger" role="alert">
      <strong>{t('error.title')}:</strong> {errorText(error, t)}
      {details.length > 0 && (
        <ul className="mb-0 mt-2">
          {details.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
