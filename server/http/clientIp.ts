import { isIP } from 'node:net';

/**
 * The address a request really came from. Behind a reverse proxy every request arrives from
 * the proxy, so per-IP limits would lump a whole country together; the proxy's
 * X-Forwarded-For is believed only when the request came from an address in `trusted`
 * (TRUST_PROXY), and then from the right: the rightmost entry not added by a trusted proxy
 * is the client (entries further left are whatever the client chose to send).
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: ReadonlySet<string>,
): string {
  const remote = normalise(remoteAddress ?? 'unknown');
  if (!trusted.has(remote) || forwardedFor === undefined) return remote;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => hop.length > 0);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (isIP(hop) === 0) return remote;
    if (!trusted.has(hop)) return hop;
  }
  return remote;
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is 127.0.0.1. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
