import { networkInterfaces } from 'node:os';

/** The first non-internal IPv4 address, which phones on the same Wi-Fi can usually reach. */
export function lanAddress(): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return null;
}
