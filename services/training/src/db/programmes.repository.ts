import { programmeCopy, type ProgrammeCopy as Copy, type SettingsOf } from '@ladder/programme-copy';

export type TrainingSettings = SettingsOf<'training'>;
export type ProgrammeCopy = Copy<'training'>;

/** This service's copy of programmes: operator, training settings and deadlines. */
export const programmes = programmeCopy('training');

export const { storeProgramme, findProgramme, findProgrammesOf, storeProgrammeParticipant } =
  programmes;
