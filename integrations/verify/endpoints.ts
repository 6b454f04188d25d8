import { PROVIDERS, providerById, type ProviderId } from './providers';

/**
 * Endpoints the user points a provider to (GitHub Enterprise Server, GovCloud, a test server).
 * Only the user sets these: a CLI flag, an environment variable or a machine-scope editor
 * setting. A repository cannot (its `.nhi-lens.yaml` has no such key), so a checked-out
 * repository can never redirect the credentials it contains to a server of its choosing.
 */
export type EndpointOverrides = Partial<Record<ProviderId, string>>;

/** A bad endpoint setting: the message names the item and what is wrong. */
export class EndpointError extends Error {}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);

/**
 * The endpoint as it will be used (no trailing slash), or an error: https only (plain http is
 * allowed to loopback addresses, for tests and local proxies), no credentials, query or fragment.
 */
export function normalizeEndpoint(provider: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EndpointError(`${provider} endpoint is not a URL: "${url}"`);
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback(parsed.hostname)))
    throw new EndpointError(`${provider} endpoint must be https (plain http only to a loopback address): "${url}"`);
  if (parsed.username || parsed.password || parsed.search || parsed.hash)
    throw new EndpointError(`${provider} endpoint must have no user, query or fragment: "${url}"`);
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/**
 * `provider=url` items, from `--verify-endpoint` flags or the comma-separated
 * `NHI_LENS_VERIFY_ENDPOINTS`; later items win.
 */
export function parseEndpointOverrides(items: string[]): EndpointOverrides {
  const overrides: EndpointOverrides = {};
  for (const item of items.flatMap((i) => i.split(',')).map((i) => i.trim())) {
    if (!item) continue;
    const eq = item.indexOf('=');
    const id = eq > 0 ? item.slice(0, eq).trim().toLowerCase() : '';
    if (!providerById(id))
      throw new EndpointError(
        `verify endpoint "${item}" must be PROVIDER=URL with PROVIDER one of ${PROVIDERS.map((p) => p.id).join(', ')}`,
      );
    overrides[id as ProviderId] = normalizeEndpoint(id, item.slice(eq + 1).trim());
  }
  return overrides;
}

/** Where a provider is asked: the user's endpoint for it, else its official one. */
export function endpointFor(provider: ProviderId, overrides: EndpointOverrides = {}): string {
  const chosen = overrides[provider];
  return chosen ? normalizeEndpoint(provider, chosen) : providerById(provider)!.endpoint;
}
