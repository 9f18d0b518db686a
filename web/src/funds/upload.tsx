/**
 * Uploads with a progress bar: fetch() cannot report upload progress, XMLHttpRequest can
 * (upload.onprogress). Same rules as api.ts: session cookie, the CSRF token header, and
 * problem+json turned into an ApiError carrying the Italian detail and the file:line errors.
 */
import { useT } from '../i18n/i18n.tsx';
import { ApiError, NETWORK_ERROR, call } from '../api.ts';
import { getOwnSession } from '../../../src/contract/auth.ts';

/** The CSRF token of this session: api.ts keeps it private, the server repeats it on /api/auth/me. */
async function csrfToken(): Promise<string> {
  const session = await call(getOwnSession, {});
  return session.csrfToken;
}

const toApiError = (xhr: XMLHttpRequest): ApiError => {
  try {
    const body = JSON.parse(xhr.responseText) as { detail?: unknown; title?: unknown; code?: unknown; errors?: unknown };
    const detail = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : null;
    const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [];
    return new ApiError(xhr.status, detail, typeof body.code === 'string' ? body.code : null, errors);
  } catch {
    return new ApiError(xhr.status, null);
  }
};

/** POSTs the form as multipart; `onProgress` receives 0…100. */
export async function uploadWithProgress<T>(url: string, form: FormData, onProgress: (percent: number) => void): Promise<T> {
  const token = await csrfToken();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.upload.onload = () => onProgress(100);
    xhr.onerror = () => reject(new ApiError(NETWORK_ERROR, null));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, null));
        }
      } else {
        reject(toApiError(xhr));
      }
    };
    xhr.send(form);
  });
}

/** bootstrap-italia progress bar with its value announced. */
export function UploadProgress({ percent, label }: { percent: number; label: string }) {
  const t = useT();
  return (
    <div className="my-3 upload-progress">
      <p className="small mb-1" id="upload-progress-label">
        {label} — {t('funds.upload.progress', { percent })}
      </p>
      <div className="progress">
        <div
          className="progress-bar"
          role="progressbar"
          style={{ width: `${percent}%` }}
          aria-valuenow={percent}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-labelledby="upload-progress-label"
        />
      </div>
    </div>
  );
}
