/** The kinds of administrative act every money event and procedural step cites (DOMAIN.md, glossary). */
export const actTypes = ['DM', 'DGR', 'DD', 'CDA', 'DECRETO', 'LEGGE', 'ALTRO'] as const;
export type ActType = (typeof actTypes)[number];

/** The largest file an act may carry (20 MB): the server refuses more, the web says so before sending. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
