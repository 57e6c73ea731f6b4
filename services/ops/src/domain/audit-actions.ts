import { auditActions } from '@ladder/vocabulary';

/**
 * What the audit log records: the vocabulary's audit actions, and the staff actions ops takes
 * through other services and the journey's staff milestones. A closed set like the vocabulary's
 * (these belong in its `auditActions`, which this service does not own).
 */
export const opsAuditActions = [
  ...auditActions,
  'training-place-requested',
  'placement-proposed',
  'milestone-recorded',
] as const;
export type OpsAuditAction = (typeof opsAuditActions)[number];
