import type { z } from 'zod';
import { envelopeSchema, type EventEnvelope } from './envelope.js';
import type { EventDefinition, Upcaster } from './define-event.js';

export type ParseResult =
  { ok: true; event: EventEnvelope; definition: EventDefinition } | { ok: false; reason: string };

function describeIssues(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `${[prefix, ...i.path].join('.')}: ${i.message}`).join('; ');
}

/**
 * Reads events tolerantly: checks the envelope, upcasts older versions one step at a time to the
 * newest version this process knows, then checks the data against that version's schema (unknown
 * fields are dropped, so producers may add fields without breaking consumers).
 */
export function createEventParser(
  catalogue: readonly EventDefinition[],
  upcasterList: readonly Upcaster[],
): (raw: unknown) => ParseResult {
  const latest = new Map<string, EventDefinition>();
  for (const def of catalogue) {
    const current = latest.get(def.type);
    if (current === undefined || def.version > current.version) latest.set(def.type, def);
  }
  const upcasterFor = new Map(upcasterList.map((u) => [`${u.type}@${u.from}`, u]));

  return (raw) => {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return { ok: false, reason: describeIssues(envelope.error, 'envelope') };
    const { type } = envelope.data;
    const target = latest.get(type);
    if (target === undefined) return { ok: false, reason: `unknown event type ${type}` };
    let { version, data } = envelope.data;
    if (version > target.version) {
      return {
        ok: false,
        reason: `${type} v${version} is newer than this consumer knows (v${target.version})`,
      };
    }
    while (version < target.version) {
      const upcaster = upcasterFor.get(`${type}@${version}`);
      if (upcaster === undefined)
        return { ok: false, reason: `no upcaster for ${type} v${version}` };
      data = upcaster.upcast(data);
      version += 1;
    }
    const checked = target.data.safeParse(data);
    if (!checked.success) return { ok: false, reason: describeIssues(checked.error, 'data') };
    return {
      ok: true,
      event: { ...envelope.data, version, data: checked.data },
      definition: target,
    };
  };
}
