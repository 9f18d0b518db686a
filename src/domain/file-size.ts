/**
 * A file's size as officers read it, the same on screen and on a receipt: `1.234 byte`, `12,3 kB`,
 * `4,5 MB` (decimal units, Italian decimal comma). Not an amount: a rounded figure for people.
 */
export const formatFileSize = (bytes: number): string => {
  if (bytes < 1000) return `${String(Math.trunc(bytes)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} byte`;
  const units = ['kB', 'MB', 'GB'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(1).replace('.', ',')} ${units[unit]}`;
};
