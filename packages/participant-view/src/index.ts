export {
  participantViewPath,
  participantViewQuerySchema,
  participantViewSchema,
  releasedPersonSchema,
  type ParticipantView,
  type ParticipantViewQuery,
  type ReleasedPerson,
} from './view.js';
export {
  createParticipantViewClient,
  ParticipantViewError,
  type ParticipantViewClient,
  type ParticipantViewClientOptions,
} from './client.js';
