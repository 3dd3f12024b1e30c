import { createServer, Socket } from 'node:net';

/**
 * A load balancer in miniature, for the multi-instance tests: every new TCP connection goes
 * to the first backend in `prefer` order that accepts it. When an instance dies, its clients'
 * reconnects land on the next one, as they would behind nginx.
 */
export interface Balancer {
  readonly port: number;
  /** Backends connected to so far, in order, for assertions ("the phones moved to B"). */
  readonly chosen: number[];
  close(): Promise<void>;
}

export async function startBalancer(prefer: () => number[]): Promise<Balancer> {
  const sockets = new Set<Socket>();
  const chosen: number[] = [];
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryBackend = (ports: number[]) => {
      const [port, ...rest] = ports;
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      let connected = false;
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else tryBackend(rest);
      });
      upstream.connect(port, '127.0.0.1', () => {
        connected = true;
        chosen.push(port);
        sockets.add(upstream);
        upstream.on('close', () => {
          sockets.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(prefer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    chosen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
