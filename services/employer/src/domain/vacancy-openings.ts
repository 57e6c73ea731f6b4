/**
 * Whether a vacancy can take another offer. An offer holds one of the vacancy's posts while it is
 * live: made, accepted (the checks running) or unconditional (and so through the start in post,
 * sustainment, and leaving: the post was filled, and a leaver's post is advertised anew). A
 * declined, expired or withdrawn offer (a failed check withdraws it) frees its post.
 */
export const postHoldingOfferStatuses = ['made', 'accepted', 'unconditional'] as const;

/** Why no offer can be made now, or undefined when one can. */
export type NoOfferReason = 'vacancy-closed' | 'vacancy-filled';

/**
 * An offer can be made up to and including the closing day (`YYYY-MM-DD`, compared with
 * today's UTC day), and while fewer live offers hold posts than the vacancy has.
 */
export function whyNoOffer(
  vacancy: { closesOn: string; posts: number },
  postsHeld: number,
  today: string,
): NoOfferReason | undefined {
  if (today > vacancy.closesOn) return 'vacancy-closed';
  if (postsHeld >= vacancy.posts) return 'vacancy-filled';
  return undefined;
}
