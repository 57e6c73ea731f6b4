/** What a codec call asks for: the Web UI's direction and how many payloads. */
export interface CodecAsk {
  direction: 'encode' | 'decode';
  payloads: number;
}

/** Who a browser's cookies belong to (`staff:<subject>`), or why they may not use the codec. */
export type StaffCheckAnswer = { actor: string } | { status: 401 | 403; detail: string };

export type StaffCheck = (cookie: string, ask: CodecAsk) => Promise<StaffCheckAnswer>;

/** The header the ops service requires, so that no other web page can make a browser send this. */
const checkHeader = 'x-ladder-codec-check';

/**
 * Asks the ops service (`POST /internal/v1/codec-access`) whether the staff session in the
 * browser's cookies may use the codec; it answers only for admins and records each decode in its
 * audit log. Anything but a clear yes or no from ops is a refusal, never a pass.
 */
export function opsStaffCheck(url: string, timeoutMs = 5_000): StaffCheck {
  return async (cookie, ask) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { cookie, [checkHeader]: '1', 'content-type': 'application/json' },
        body: JSON.stringify(ask),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch {
      return { status: 401, detail: 'the ops service could not be asked who you are; try again' };
    }
    if (response.ok) {
      const body = (await response.json()) as { actor?: unknown };
      if (typeof body.actor === 'string') return { actor: body.actor };
    }
    if (response.status === 403)
      return { status: 403, detail: 'only ops admins may read journey payloads' };
    return { status: 401, detail: 'sign in to the ops service as an admin first' };
  };
}
