import { describe, expect, it } from 'vitest';
import { clientIp } from '../../server/http/clientIp';

const proxy = new Set(['127.0.0.1', '10.0.0.2']);

describe('the client address behind a proxy', () => {
  it('ignores X-Forwarded-For from anyone but a trusted proxy', () => {
    expect(clientIp('203.0.113.9', '1.2.3.4', proxy)).toBe('203.0.113.9');
    expect(clientIp('203.0.113.9', '1.2.3.4', new Set())).toBe('203.0.113.9');
  });

  it('takes the rightmost address a trusted proxy did not add', () => {
    expect(clientIp('127.0.0.1', '198.51.100.7', proxy)).toBe('198.51.100.7');
    // A client that sends its own header cannot choose its address: nginx appends the real one.
    expect(clientIp('127.0.0.1', '6.6.6.6, 198.51.100.7', proxy)).toBe('198.51.100.7');
    expect(clientIp('::ffff:127.0.0.1', '198.51.100.7, 10.0.0.2', proxy)).toBe('198.51.100.7');
  });

  it('falls back to the proxy address when the header is missing or garbled', () => {
    expect(clientIp('127.0.0.1', undefined, proxy)).toBe('127.0.0.1');
    expect(clientIp('127.0.0.1', 'not-an-ip', proxy)).toBe('127.0.0.1');
    expect(clientIp('127.0.0.1', '', proxy)).toBe('127.0.0.1');
  });
});
