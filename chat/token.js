// What a sign-in token says about its holder, read but not verified (only the API can verify it): the name to fill in,
// and when it expires, to explain a refusal. A token that is not a JWT says nothing.

/**
 * The claims of a JWT (its middle part, base64url JSON), or null when the text is not one.
 *
 * @param {string} token
 * @returns {object | null}
 */
export function tokenClaims(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || !/^[A-Za-z0-9_-]+$/.test(parts[1])) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/**
 * The name the API's authorizer gives a signed-in person: the token's name, else preferred_username, else
 * cognito:username, else sub; null when the token names nobody.
 */
export function tokenName(token) {
  const claims = tokenClaims(token);
  if (claims === null) {
    return null;
  }
  for (const claim of ['name', 'preferred_username', 'cognito:username', 'sub']) {
    if (typeof claims[claim] === 'string' && claims[claim].trim() !== '') {
      return claims[claim];
    }
  }
  return null;
}

/** When the token expires, or null when it does not say. */
export function tokenExpiry(token) {
  const exp = tokenClaims(token)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : null;
}
