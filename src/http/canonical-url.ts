/**
 * The one canonical form of a request target, computed before routing so that the router, the
 * access layer and the 404 handler all judge the same path (ASVS V4.1, V5.1; RFC 3986 § 6.2.2).
 *
 * An encoded, doubled-slash or dot-segment path names the same resource as its canonical form,
 * so it is rewritten to that form: `/%61pi//x/../districts` is `/api/districts`. Percent-encoded
 * unreserved characters are decoded (they mean the same byte either way), other encodings keep
 * their meaning and get upper-case hex digits (`%2f` is `%2F`, still not a separator), empty
 * segments are dropped and `.`/`..` removed. Letter case is kept: paths are case-sensitive.
 */

/** Longer request targets are refused with 414 before anything else reads them. */
export const MAX_URL_LENGTH = 8192;

export type UrlVerdict =
  | { ok: true; url: string; path: string }
  | { ok: false; status: 400 | 414; code: 'request.bad_url' | 'request.url_too_long'; detail: string };

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

const badUrl = (detail: string): UrlVerdict => ({ ok: false, status: 400, code: 'request.bad_url', detail });

/** Whether every `%` starts a two-digit escape, the escapes spell UTF-8, and none is a NUL byte. */
const wellEncoded = (text: string): boolean => {
  if (/%(?![0-9A-Fa-f]{2})/.test(text) || /%00/.test(text)) return false;
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
};

const normaliseEscapes = (segment: string) =>
  segment.replace(/%([0-9A-Fa-f]{2})/g, (escape: string, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });

export const canonicalUrl = (target: string): UrlVerdict => {
  if (target.length > MAX_URL_LENGTH) {
    return { ok: false, status: 414, code: 'request.url_too_long', detail: `Indirizzo troppo lungo: al massimo ${MAX_URL_LENGTH} caratteri` };
  }
  const cut = target.search(/[?#]/);
  const rawPath = cut === -1 ? target : target.slice(0, cut);
  const rest = cut === -1 ? '' : target.slice(cut);
  if (!wellEncoded(target) || target.includes('\0')) {
    return badUrl('Indirizzo non valido: contiene una codifica con % errata o un carattere nullo');
  }
  if (!rawPath.startsWith('/')) return badUrl('Indirizzo non valido: il percorso deve iniziare con /');

  const segments: string[] = [];
  const parts = rawPath.split('/').slice(1).map(normaliseEscapes);
  parts.forEach((segment, i) => {
    const last = i === parts.length - 1;
    if (segment === '..') segments.pop();
    if (segment === '' || segment === '.' || segment === '..') {
      // `/a/b/..` and `/a/b/` both name the folder `/a/`: the trailing slash stays
      if (last && segments.length > 0) segments.push('');
      return;
    }
    segments.push(segment);
  });
  const path = `/${segments.join('/')}`;
  return { ok: true, url: path + rest, path };
};

/** Whether a canonical path is one of the API's (the API document's own pages aside). */
export const isApiPath = (path: string) => path.startsWith('/api/');
