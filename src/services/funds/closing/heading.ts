/**
 * The heading of the directorate's acts: installation settings read from the environment
 * (README "Configuration"). An unset field prints as a line to fill in on the draft.
 */
import type { ActHeading } from '../../../documents/acknowledgement/model.ts';

export const actHeadingFrom = (env: NodeJS.ProcessEnv = process.env): ActHeading => ({
  directorate: env.REGIA_ACT_DIRECTORATE ?? '',
  area: env.REGIA_ACT_AREA ?? '',
  drafter: env.REGIA_ACT_DRAFTER ?? '',
  officer: env.REGIA_ACT_OFFICER ?? '',
  director: env.REGIA_ACT_DIRECTOR ?? '',
});
