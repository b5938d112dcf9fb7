// A small HTTP CONNECT proxy on 127.0.0.1 for the proxy tests: it opens one TCP tunnel per CONNECT and records
// each tunnel's target and the local port of its upstream socket, so a test can tell, at the exchange, which
// connections came through the proxy and which did not.
import { createServer, type Server } from 'http';
import { connect, type AddressInfo, type Socket } from 'net';

export interface Tunnel {
  target: string;
  /** Local port of the proxy's socket to the target: the peer port the target sees. */
  upstreamPort: number;
}

export interface ConnectProxy {
  url: string;
  tunnels: Tunnel[];
  /** Plain (non-CONNECT) requests, which this proxy refuses. */
  plainRequests: number;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  };
  const proxy: ConnectProxy = { url: '', tunnels: [], plainRequests: 0, close: async () => undefined };
  const server: Server = createServer((_req, res) => {
    proxy.plainRequests++;
    res.writeHead(405, { Connection: 'close' }).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    track(client);
    const match = /^(.+):(\d+)$/.exec(req.url ?? '');
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const upstream = connect(Number(match[2]), match[1].replace(/^\[|\]$/g, ''), () => {
      proxy.tunnels.push({ target: req.url ?? '', upstreamPort: upstream.localPort ?? -1 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
