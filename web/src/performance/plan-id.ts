/** A plan's id as the address writes it (`/performance/12`): a positive integer, or null for anything else (shown as not found). */
export const planIdOf = (text: string): number | null => (/^[1-9]\d{0,8}$/.test(text) ? Number(text) : null);
