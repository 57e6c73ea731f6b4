import type { Course } from '../db/courses.repository.js';
import type { Intake } from '../db/intakes.repository.js';

/**
 * A course as an Open Referral UK `service`: the provider as its organisation, the postcode area
 * it is taught in as its location, each intake as a schedule, the funding route as its funding
 * and the qualification as a taxonomy term. Only what a public directory lists: no learner, no
 * seat counts that could single anyone out.
 */
export function toOpenReferralService(
  course: Course,
  provider: { id: string; name: string },
  intakes: readonly Intake[],
) {
  const locationId = `${course.id}-location`;
  return {
    id: course.id,
    name: course.title,
    description: course.description ?? course.title,
    status: 'active' as const,
    attending_type: attendingType[course.mode],
    deliverable_type: 'Training',
    organization: { id: provider.id, name: provider.name, description: provider.name },
    service_at_locations: [
      {
        id: `${course.id}-at-location`,
        location: {
          id: locationId,
          name: `${course.postcodeArea} postcode area`,
          physical_addresses: [
            { id: `${locationId}-address`, postal_code: course.postcodeArea, country: 'GB' },
          ],
        },
      },
    ],
    regular_schedules: intakes.map((i) => ({
      id: i.id,
      service_id: course.id,
      valid_from: i.startsOn,
      valid_to: i.endsOn,
      dtstart: i.sessions[0]?.startsAt ?? `${i.startsOn}T00:00:00Z`,
      description: `${i.sessions.length} sessions, ${i.startsOn} to ${i.endsOn}`,
    })),
    fundings: [{ id: `${course.id}-funding`, source: course.fundingRoute }],
    service_taxonomys: [
      {
        id: `${course.id}-qualification`,
        taxonomy: {
          id: course.qualification,
          name: course.qualification,
          vocabulary: 'ladder-qualifications',
        },
      },
      {
        id: `${course.id}-level`,
        taxonomy: { id: course.level, name: course.level, vocabulary: 'rqf-levels' },
      },
    ],
    eligibilitys: [],
    languages: [{ id: `${course.id}-language`, language: 'English' }],
  };
}

const attendingType: Record<Course['mode'], string> = {
  'in-person': 'In person',
  online: 'Online',
  blended: 'In person and online',
  'evenings-or-weekends': 'In person, evenings or weekends',
};

export type OpenReferralService = ReturnType<typeof toOpenReferralService>;
