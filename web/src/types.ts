/**
 * The answer types several areas of the web share, each taken from the contract (src/contract) or
 * the domain (src/domain): none is written here by hand, so a field renamed there is a type error
 * in every page that reads it.
 */
import type { Static } from 'typebox';
import type { Act as ActSchema, ActRef as ActRefSchema, Attachment as AttachmentSchema, User as UserSchema } from '../../src/contract/common.ts';

export { roles, type Role } from '../../src/domain/auth/roles.ts';
export { actTypes, type ActType } from '../../src/domain/acts.ts';
export { bodyKinds, type BodyKind } from '../../src/domain/registry.ts';
export type { Session } from '../../src/contract/auth.ts';
export type { DistrictSummary as DistrictRow, DistrictDetail, MunicipalityRow, Body } from '../../src/contract/registry.ts';

export type User = Static<typeof UserSchema>;
export type ActRef = Static<typeof ActRefSchema>;
export type Attachment = Static<typeof AttachmentSchema>;
export type Act = Static<typeof ActSchema>;

/** A page of a list, as `pageOf` (src/contract/common.ts) shapes every paginated answer. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
