// The publisher dashboard's script, bundled to /assets/dashboard.js: fetches GET /dashboard/data
// (the gateway's operator answers, relayed by the site to a logged-in publisher) and redraws the revenue chart and the
// channels, payments and disputes tables every 5 seconds; a failed fetch shows a banner and keeps
// the last data on screen.
import { DashboardView } from './dashboard/view.mjs';

const REFRESH_MS = 5000;
const view = new DashboardView(document);

async function refresh() {
  try {
    const response = await fetch('/dashboard/data', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (response.status === 401) {
      // the session expired or was never there: the login form brings the publisher back here
      window.location.assign('/dashboard/login');
      return;
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !body) {
      const reason = body?.error ? `: ${body.error}${body.detail ? ` (${body.detail})` : ''}` : '';
      throw new Error(`the site answered ${response.status}${reason}`);
    }
    view.render(body);
    view.error(null);
  } catch (error) {
    view.error(`The dashboard data could not be loaded (${error.message}). Retrying every 5 seconds.`);
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
