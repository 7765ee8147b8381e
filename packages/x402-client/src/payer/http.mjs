// JSON over fetch for the payer: a network failure becomes "unreachable" (naming the gateway or
// the site), any answer becomes {status, body, headers} for the caller to judge.
import { PayerError, PayerErrors } from './errors.mjs';

export async function request(fetchFn, url, { method = 'GET', body, headers = {}, who = 'gateway' } = {}) {
  const init = { method, headers: { accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  let response;
  try {
    response = await fetchFn(url, init);
  } catch (e) {
    const code = who === 'site' ? PayerErrors.SITE_UNREACHABLE : PayerErrors.GATEWAY_UNREACHABLE;
    throw new PayerError(code, `could not reach the ${who} at ${url}: ${e.message}`, { cause: e });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: response.status, body: json, headers: response.headers };
}

/** The {error, detail} of a refusal body, or a stand-in naming the status. */
export function refusalOf(answer) {
  const error = answer.body && typeof answer.body.error === 'string' ? answer.body.error : `http_${answer.status}`;
  const detail = answer.body && typeof answer.body.detail === 'string' ? answer.body.detail : '';
  return { error, detail };
}
