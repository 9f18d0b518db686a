/**
 * What one exchange upload may cost (ASVS V5.2, V12.1): every bound the readers apply, in one
 * place. Each is generous for real files (a million-line spese.csv is about 150 MB, compresses
 * about 10:1 and has lines of a few hundred characters) and refuses what only a hostile or
 * broken file holds. A file over a bound is refused with an Italian `file:line: column: message`.
 */

/** Entries in one zip archive (the exchange set is 8 files; folders, READMEs and `__MACOSX/` add some). */
export const ZIP_MAX_ENTRIES = 1_000;
/** Decompressed bytes of one zip entry. */
export const ZIP_MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
/** Decompressed bytes of all the entries of one zip archive together. */
export const ZIP_MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
/** Decompressed ÷ compressed bytes of one entry, checked once it has given ZIP_RATIO_FREE_BYTES. */
export const ZIP_MAX_RATIO = 100;
export const ZIP_RATIO_FREE_BYTES = 1024 * 1024;
/**
 * Zip bytes handed to the decompressor at once: its output for one push is held whole, so this
 * bounds the memory a bomb can take before a limit stops it (at most about 1,032 times as much).
 */
export const ZIP_PUSH_BYTES = 16 * 1024;

/** Characters of one field (a cell of CSV or XLSX), header cells included. */
export const MAX_FIELD_CHARS = 10_000;
/** Characters of one CSV record (all its fields, quoted line breaks included). */
export const MAX_RECORD_CHARS = 100_000;

/** Errors listed in full in one answer; the rest are counted in one more line. */
export const ERROR_LIMIT = 1_000;
/** Characters of a value echoed in a message; longer ones are cut and end in "…". */
export const SHOWN_CHARS = 100;

/**
 * The largest amount a file may hold: € 100.000.000.000,00 (10^13 cents), far above any social
 * fund and far below 2^53 cents, so sums of a million lines stay exact in a JS number and in bigint.
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000n;
/** Dates (payments, acts) from 1900 to 2199: anything else is a typing error (`0202`, `20222`). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;
