/** Messages of the funds pages, merged into the one catalog (web/src/i18n/messages.ts). */
export const fundsIt = {
  'nav.funds': 'Fondi',
} as const;

export const fundsEn: Record<keyof typeof fundsIt, string> = {
  'nav.funds': 'Funds',
};
