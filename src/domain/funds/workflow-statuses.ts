/**
 * Where a district's expense report and a correction request stand (DOMAIN.md "District
 * reporting"): the closed lists the services store and answer, and the contract validates.
 */

/** `none`: nothing typed yet for the year; a draft counts as nothing reported until submitted. */
export const reportStatuses = ['none', 'draft', 'submitted'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const correctionStatuses = ['pending', 'accepted', 'refused'] as const;
export type CorrectionStatus = (typeof correctionStatuses)[number];

/** The verification list's filter: lines still to verify, or verified in any way. */
export const verificationFilters = ['pending', 'verified'] as const;
export type VerificationFilter = (typeof verificationFilters)[number];
