/**
 * The ids an interview's or an offer's row starts with (as `newVacancyStep` makes them): its own,
 * the vacancy's, and whose business it is.
 */
export interface VacancyStepRow {
  id: string;
  vacancyId: string;
  employerOrganisationId: string;
  participantId: string;
  programmeId: string;
  operatorOrganisationId: string;
}

/** Those ids as a step's repository reads them, before the step's own columns. */
export const vacancyStepColumns = `id, vacancy_id as "vacancyId",
  employer_organisation_id as "employerOrganisationId", participant_id as "participantId",
  programme_id as "programmeId", operator_organisation_id as "operatorOrganisationId"`;

/** Those ids' columns as an insert names them, in the order of {@link vacancyStepIds}. */
export const vacancyStepInsertColumns = `id, vacancy_id, employer_organisation_id, participant_id,
  programme_id, operator_organisation_id`;

/** The ids' values for an insert, in the order of {@link vacancyStepInsertColumns}. */
export const vacancyStepIds = (step: VacancyStepRow): string[] => [
  step.id,
  step.vacancyId,
  step.employerOrganisationId,
  step.participantId,
  step.programmeId,
  step.operatorOrganisationId,
];
