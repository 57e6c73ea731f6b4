import { programmeCopy, type ProgrammeCopy as Copy, type SettingsOf } from '@ladder/programme-copy';

export type EmploymentSettings = SettingsOf<'employment'>;
export type ProgrammeCopy = Copy<'employment'>;

/** This service's copy of programmes: operator, employment settings and deadlines. */
export const programmes = programmeCopy('employment');

export const { storeProgramme, findProgramme, findProgrammeOf, storeProgrammeParticipant } =
  programmes;
