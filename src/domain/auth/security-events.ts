/**
 * The closed list of security events (ASVS 4 V7.1, V7.2): what an auditor sees of sign-ins,
 * refusals and data leaving Regia. The server records them and the web labels them from this list.
 */
export const securityEventKinds = [
  'sign_in',
  'sign_out',
  'sign_in_failed',
  /** Refused before the password was checked: too many failures from the address or on the account (429). */
  'sign_in_throttled',
  /** A failure on an account started a wait before its next attempt (progressive lockout; username: the account). */
  'account_locked',
  /** A failure from an address started a wait before its next attempt (progressive lockout). */
  'address_locked',
  /** A signed-in user asked for something the role or scope does not allow (403). */
  'access_denied',
  /** A state change without the session's CSRF token (403). */
  'csrf_refused',
  /** Users changing their own password. */
  'password_changed',
  /** An administrator resetting another user's password (username: the user whose password it is). */
  'password_reset',
  /** An answer sent as a file (Content-Disposition: attachment): SIOSS, plan and report exports, attachments, receipts. */
  'export',
] as const;
export type SecurityEventKind = (typeof securityEventKinds)[number];

export const isSecurityEventKind = (value: string): value is SecurityEventKind => (securityEventKinds as readonly string[]).includes(value);

/** Bounds of what one event stores: the user name as typed is cut, never rejected. */
export const SECURITY_EVENT_LIMITS = { username: 64, address: 64, route: 200, detail: 200 } as const;

/**
 * What is stored of a text an attacker may choose: control characters (a forged line break in a
 * log, ASVS 7.3.1) become spaces, and the text is cut to its bound.
 */
export const boundedText = (value: string, max: number): string => {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  return [...clean].slice(0, max).join('');
};
