/** The kinds of administrative act every money event and procedural step cites (DOMAIN.md, glossary). */
export const actTypes = ['DM', 'DGR', 'DD', 'CDA', 'DECRETO', 'LEGGE', 'ALTRO'] as const;
export type ActType = (typeof actTypes)[number];
