/** Multipart bodies for upload routes, as a browser's form sends them. */
import type { LightMyRequestResponse } from 'fastify';
import type { Session, TestApp } from './app.ts';

/** A multipart/form-data body with one part per file, each under the form field `field`. */
export const multipart = (field: string, files: Record<string, string>) => {
  const boundary = '----regia-test';
  const parts = Object.entries(files).map(
    ([name, content]) => `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`,
  );
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: `${parts.join('')}--${boundary}--\r\n` };
};

/** POSTs the files to `url` as the signed-in session, with its CSRF token. */
export const postFiles = (t: TestApp, session: Session, url: string, field: string, files: Record<string, string>): Promise<LightMyRequestResponse> => {
  const body = multipart(field, files);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': body.contentType },
    payload: body.payload,
  });
};

/** An exchange import through `POST /api/imports` (field `files`). */
export const uploadImport = (t: TestApp, session: Session, files: Record<string, string>) => postFiles(t, session, '/api/imports', 'files', files);
