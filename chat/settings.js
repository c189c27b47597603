// Where the page connects: ?url=, else the API that served the page (its stage from config.json), and the sign-in
// token from ?token=.

/**
 * The WebSocket URL from a ?url= value, or a problem a person can act on.
 *
 * @param {string} text
 * @returns {{url: string} | {problem: string}}
 */
export function webSocketUrlFrom(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return { problem: `?url= is not a URL: "${text}". Give the API's address, e.g. ?url=wss://abc123.execute-api.us-east-1.amazonaws.com/dev` };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    return { problem: `?url= must start with ws:// or wss://, got "${url.protocol}//". e.g. ?url=wss://abc123.execute-api.us-east-1.amazonaws.com/dev` };
  }
  if (url.username || url.password) {
    return { problem: '?url= must not carry a user name or password' };
  }
  url.hash = '';
  return { url: url.href };
}

/**
 * What the page connects to and with.
 *
 * @param {Location} location the page's location
 * @param {(resource: string) => Promise<Response>} fetchJson fetch, for config.json beside the page
 * @returns {Promise<{url?: string, token: string, problem?: string}>}
 */
export async function resolveSettings(location, fetchJson = (resource) => fetch(resource, { cache: 'no-store' })) {
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? '';
  const given = params.get('url');
  if (given !== null) {
    return { token, ...webSocketUrlFrom(given) };
  }
  // Served by ws-local: config.json beside the page names the stage of the API on this host and port.
  try {
    const response = await fetchJson('config.json');
    if (!response.ok) {
      throw new Error(`config.json answered ${response.status}`);
    }
    const config = await response.json();
    if (typeof config.stage !== 'string' || config.stage === '') {
      throw new Error('config.json has no "stage"');
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return { token, url: `${scheme}//${location.host}/${encodeURIComponent(config.stage)}` };
  } catch (error) {
    return {
      token,
      problem: `This page does not know its WebSocket API (${error.message}): open it with ?url=ws://... or `
        + '?url=wss://<id>.execute-api.<region>.amazonaws.com/<stage>',
    };
  }
}
