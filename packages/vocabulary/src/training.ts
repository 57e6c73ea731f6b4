/** Qualifications a course can lead to. */
export const qualifications = [
  'care-certificate',
  'functional-skills-english-entry',
  'functional-skills-english-level-1',
  'functional-skills-english-level-2',
  'functional-skills-maths-entry',
  'functional-skills-maths-level-1',
  'functional-skills-maths-level-2',
  'esol-health-and-care',
  'diploma-health-and-social-care-level-2',
  'diploma-health-and-social-care-level-3',
  'apprenticeship-standard',
  'first-aid',
  'manual-handling',
] as const;
export type Qualification = (typeof qualifications)[number];

/** Qualification levels (Regulated Qualifications Framework), entry level to level 3. */
export const qualificationLevels = ['entry', 'level-1', 'level-2', 'level-3'] as const;
export type QualificationLevel = (typeof qualificationLevels)[number];

/** How a course is taught. */
export const courseModes = ['in-person', 'online', 'blended', 'evenings-or-weekends'] as const;
export type CourseMode = (typeof courseModes)[number];

/** How a course is paid for. */
export const fundingRoutes = [
  'adult-skills-fund',
  'apprenticeship-levy',
  'programme-funded',
  'employer-funded',
  'free-course-for-jobs',
] as const;
export type FundingRoute = (typeof fundingRoutes)[number];

/** One learner's mark on a session's register. */
export const attendanceMarks = ['attended', 'late', 'absent', 'excused'] as const;
export type AttendanceMark = (typeof attendanceMarks)[number];

/** A completed course's result. */
export const courseResults = ['passed', 'failed', 'partially-achieved'] as const;
export type CourseResult = (typeof courseResults)[number];

/** Why a learner was absent from a session (an excused absence is its own mark). */
export const absenceReasons = [
  'illness',
  'caring-responsibilities',
  'transport',
  'appointment',
  'work-commitment',
  'no-contact',
  'other',
] as const;
export type AbsenceReason = (typeof absenceReasons)[number];

/** Where one enrolment stands on a journey: a course is unfinished while it is `enrolled`. */
export const courseStatuses = ['enrolled', 'completed', 'withdrawn'] as const;
export type CourseStatus = (typeof courseStatuses)[number];
