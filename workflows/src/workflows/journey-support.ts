import type { JobApplication, JourneyState, SupportProgress } from '@ladder/workflow-contracts';
import {
  supportSteps,
  type CvStatus,
  type MilestoneCode,
  type SupportStep,
} from '@ladder/vocabulary';

/**
 * Employability support (CV, applications, mock interviews, mentoring, volunteering) worked out
 * from a journey's milestones: pure, so the query, the updates and the unit tests agree.
 */

/** Support on a journey where nothing has been recorded yet. */
export const noSupport = (): SupportProgress => ({
  cv: 'not-started',
  applications: [],
  mockInterviews: { held: 0, missed: 0 },
  mentoringSessions: { held: 0, missed: 0 },
  volunteeringSince: null,
  stillToDo: [...supportSteps],
});

const cvStatusOf: Partial<Record<MilestoneCode, CvStatus>> = {
  'cv-drafted': 'drafted',
  'cv-reviewed': 'reviewed',
  'cv-ready': 'ready',
};

/** Where support matters: before a job is in sight (an accepted offer) and while the journey runs. */
const supportStages: readonly JourneyState['stage'][] = [
  'engagement',
  'training',
  'employability',
  'placement',
  'offer',
];

/** The application an outcome belongs to: its ref's, else the latest still without an outcome. */
function applicationFor(applications: JobApplication[], ref: string | undefined) {
  if (ref !== undefined) return applications.findLast((a) => a.ref === ref);
  return applications.findLast((a) => a.outcome === null) ?? applications.at(-1);
}

/** The support recorded on a journey so far, and the steps still to do. */
export function supportOf(state: Pick<JourneyState, 'milestones' | 'stage'>): SupportProgress {
  const support = noSupport();
  for (const m of state.milestones) {
    const cv = cvStatusOf[m.code as MilestoneCode];
    if (cv) support.cv = cv; // the latest: a CV drafted again is being revised
    switch (m.code) {
      case 'application-submitted':
        support.applications.push({
          ref: m.ref ?? null,
          submittedAt: m.at,
          outcome: null,
          outcomeAt: null,
        });
        break;
      case 'application-outcome': {
        const application = applicationFor(support.applications, m.ref);
        if (application && m.applicationOutcome) {
          application.outcome = m.applicationOutcome;
          application.outcomeAt = m.at;
        }
        break;
      }
      case 'mock-interview-held':
        support.mockInterviews.held += 1;
        break;
      case 'mock-interview-missed':
        support.mockInterviews.missed += 1;
        break;
      case 'mentoring-session-held':
        support.mentoringSessions.held += 1;
        break;
      case 'mentoring-session-missed':
        support.mentoringSessions.missed += 1;
        break;
      case 'volunteering-started':
        support.volunteeringSince ??= m.at;
        break;
      default:
    }
  }
  const done: Record<SupportStep, boolean> = {
    cv: support.cv === 'ready',
    'job-application': support.applications.length > 0,
    'mock-interview': support.mockInterviews.held > 0,
    'mentoring-session': support.mentoringSessions.held > 0,
  };
  support.stillToDo = supportStages.includes(state.stage)
    ? supportSteps.filter((step) => !done[step])
    : [];
  return support;
}
