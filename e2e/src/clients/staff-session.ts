import { parse } from 'node-html-parser';

/**
 * The cookies one site has set, sent back to it: just enough of a browser to sign in and post
 * forms. (A library jar would not send the ops session's `Secure` cookie over the plain HTTP of
 * 127.0.0.1, which browsers do for loopback addresses.)
 */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** What a form post came back with: a redirect after success, or the page with its errors. */
export interface FormAnswer {
  status: number;
  location: string | null;
  html: string;
}

/** A form post's request, as a browser sends it. */
const formPost = (cookie: string, fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  redirect: 'manual',
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * A member of programme staff in the ops service's screens, signed in through its OpenID
 * provider (the development provider under `npm start` and in tests: type a demo login, any
 * password), acting through the same HTML forms, with their CSRF tokens, that a browser posts.
 */
export class StaffSession {
  private constructor(
    private readonly opsUrl: string,
    private readonly jar: CookieJar,
  ) {}

  /** Signs in as a browser would: follows the redirects and answers the provider's forms. */
  static async signIn(opsUrl: string, login: string): Promise<StaffSession> {
    const ops = new CookieJar();
    const provider = new CookieJar();
    const begin = await fetch(`${opsUrl}/sign-in?returnTo=/journeys`, { redirect: 'manual' });
    ops.keep(begin);
    let next = new URL(location(begin), opsUrl);
    for (let hop = 0; next.origin !== new URL(opsUrl).origin; hop += 1) {
      if (hop > 20) throw new Error(`signing in as ${login} did not come back to ops`);
      let response = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: provider.header() },
      });
      provider.keep(response);
      if (response.status === 200) {
        // One of the provider's pages: the login form, then the consent form.
        const page = parse(await response.text()).querySelector('form');
        if (page === null) throw new Error(`the provider's page at ${next.href} has no form`);
        const prompt = page.querySelector('input[name=prompt]')?.getAttribute('value') ?? '';
        const fields = { prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) };
        response = await fetch(
          new URL(page.getAttribute('action') ?? '', next),
          formPost(provider.header(), fields),
        );
        provider.keep(response);
      }
      next = new URL(location(response), next);
    }
    const callback = await fetch(next, { redirect: 'manual', headers: { cookie: ops.header() } });
    ops.keep(callback);
    if (callback.status !== 303)
      throw new Error(`the sign-in callback answered ${callback.status}: ${await callback.text()}`);
    return new StaffSession(opsUrl, ops);
  }

  async page(path: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${this.opsUrl}${path}`, {
      redirect: 'manual',
      headers: { cookie: this.jar.header() },
    });
    return { status: response.status, html: await response.text() };
  }

  /**
   * Fills in and posts the form `formId` of the page at `path`, as it is on the page now (its
   * action and hidden fields, the CSRF token among them), with `fields` typed in.
   */
  async submit(path: string, formId: string, fields: Record<string, string>): Promise<FormAnswer> {
    const { status, html } = await this.page(path);
    const found = parse(html).querySelector(`form#${formId}`);
    if (found === null) throw new Error(`${path} (${status}) has no form #${formId}`);
    const hidden = Object.fromEntries(
      found
        .querySelectorAll('input[type=hidden]')
        .map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? '']),
    );
    return this.post(found.getAttribute('action') ?? path, { ...hidden, ...fields });
  }

  /** Posts a form as given (a forged or stale one, to see it refused). */
  async post(path: string, fields: Record<string, string>): Promise<FormAnswer> {
    const response = await fetch(new URL(path, this.opsUrl), formPost(this.jar.header(), fields));
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  }
}

function location(response: Response): string {
  const to = response.headers.get('location');
  if (to === null)
    throw new Error(`expected a redirect, got ${response.status} from ${response.url}`);
  return to;
}

/** What a participant's page in the ops screens shows of the journey's live state (its query). */
export interface LiveStateOnPage {
  /** The rows under "Live state": "Stage now", "Waits for", "Mentor", "Outcomes", ... */
  summary: Record<string, string>;
  /** Each refused milestone as the page words it; empty when it says "None." */
  refusals: string[];
}

/** Reads the live state of a participant's page (`GET /journeys/:id`). */
export function liveStateOnPage(html: string): LiveStateOnPage {
  const page = parse(html);
  // A page without these headings is not a participant's page with a live state: say so, rather
  // than read it as having no refusals.
  const after = (tag: string, heading: string) => {
    const found = page.querySelectorAll(tag).find((h) => h.text.trim() === heading);
    if (found === undefined) throw new Error(`the page has no heading "${heading}"`);
    return found.nextElementSibling;
  };
  const rows = after('h2', 'Live state')?.querySelectorAll('.nhsuk-summary-list__row') ?? [];
  const summary = Object.fromEntries(
    rows.map((row) => [
      row.querySelector('.nhsuk-summary-list__key')?.text.trim() ?? '',
      row.querySelector('.nhsuk-summary-list__value')?.text.trim() ?? '',
    ]),
  );
  const list = after('h3', 'Refused milestones');
  const refusals =
    list?.tagName === 'UL' ? list.querySelectorAll('li').map((li) => li.text.trim()) : [];
  return { summary, refusals };
}
