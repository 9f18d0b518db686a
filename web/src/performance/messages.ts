/** Messages of the performance pages, merged into the one catalog (web/src/i18n/messages.ts). */
export const performanceIt = {
  'nav.performance': 'Performance',
} as const;

export const performanceEn: Record<keyof typeof performanceIt, string> = {
  'nav.performance': 'Performance',
};
