import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The search attributes every journey sets (codes and dates only, never personal data). The
 * servers register them at start from this list; the Web UI and ops filter journeys by them.
 */
export const ladderProgramme = defineSearchAttributeKey(
  'LadderProgramme',
  SearchAttributeType.KEYWORD,
);
export const ladderStage = defineSearchAttributeKey('LadderStage', SearchAttributeType.KEYWORD);
export const ladderNextDeadline = defineSearchAttributeKey(
  'LadderNextDeadline',
  SearchAttributeType.DATETIME,
);

export const journeySearchAttributes = [ladderProgramme, ladderStage, ladderNextDeadline] as const;
