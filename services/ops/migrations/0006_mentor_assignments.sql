-- Up Migration

-- A mentor's caseload starts from the journeys whose mentor assignments name them (each
-- JourneyMilestoneRecorded `mentor-assigned` is a milestone of kind `staff`); the journey's
-- latest assignment then says whether they are its mentor still.
create index journey_milestone_by_mentor on journey_milestone ((detail->>'mentorId'))
  where kind = 'staff' and code = 'mentor-assigned';

-- Down Migration

drop index journey_milestone_by_mentor;
