import {
  participantViewPath,
  participantViewSchema,
  type ParticipantView,
  type ParticipantViewQuery,
} from './view.js';

export interface ParticipantViewClientOptions {
  /** The referral service, e.g. `http://127.0.0.1:3001`. */
  baseUrl: string;
  /** The calling service's API key, with the scope `participants:view`. */
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request; default 5 s. */
  timeoutMs?: number;
}

export interface ParticipantViewClient {
  /**
   * The consented view of a participant, fetched now. Undefined for a participant the holder does
   * not know. Use it for the one answer it was fetched for and keep none of it.
   */
  view(participantId: string, query: ParticipantViewQuery): Promise<ParticipantView | undefined>;
}

/** Thrown when the holder of the data does not answer as the contract says. */
export class ParticipantViewError extends Error {
  constructor(readonly status: number) {
    super(`the participant view answered ${status}`);
    this.name = 'ParticipantViewError';
  }
}

/** A client of the referral service's consented-view route. */
export function createParticipantViewClient(
  options: ParticipantViewClientOptions,
): ParticipantViewClient {
  const doFetch = options.fetch ?? fetch;
  return {
    async view(participantId, query) {
      const url = new URL(participantViewPath(participantId), options.baseUrl);
      url.searchParams.set('purpose', query.purpose);
      url.searchParams.set('recipient', query.recipient);
      url.searchParams.set('onBehalfOf', query.onBehalfOf);
      const response = await doFetch(url, {
        headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
      });
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw new ParticipantViewError(response.status);
      return participantViewSchema.parse(await response.json());
    },
  };
}
