import type { ServerResponse } from 'node:http';

/**
 * Headers on every response. The CSP allows only our own scripts and sockets; inline
 * styles are allowed because React Flow positions nodes with style attributes.
 */
export function setSecurityHeaders(res: ServerResponse, { dev }: { dev: boolean }): void {
  const script = dev ? "'self' 'unsafe-inline' 'unsafe-eval'" : "'self'";
  res.setHeader(
    'content-security-policy',
    [
      "default-src 'self'",
      `script-src ${script}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      "connect-src 'self' ws: wss:",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "object-src 'none'",
    ].join('; '),
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('permissions-policy', 'camera=(self), microphone=(), geolocation=()');
}
