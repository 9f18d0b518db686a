/** The kinds of body in the registry besides districts: ASL, consortia, ASP, municipalities, third sector. */
export const bodyKinds = ['region', 'asl', 'consortium', 'asp', 'municipality', 'third_sector', 'other'] as const;
export type BodyKind = (typeof bodyKinds)[number];

export const isBodyKind = (value: string): value is BodyKind => (bodyKinds as readonly string[]).includes(value);
