// A transparent loopback proxy in front of the local exchange that records the path of every
// WebSocket upgrade and REST request the extension makes, so a test can see which route the feed
// really used (e.g. /market/stream?streams=…) instead of trusting a log line.
import http from 'http';
import net from 'net';

export interface RecordedRequest {
  kind: 'ws' | 'rest';
  path: string;
  at: number;
}

export interface PathRecorder {
  readonly port: number;
  readonly wsBaseUrl: string;
  readonly restBaseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startPathRecorder(targetPort: number): Promise<PathRecorder> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const server = http.createServer((req, res) => {
    requests.push({ kind: 'rest', path: req.url ?? '/', at: Date.now() });
    const upstream = http.request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.once('error', (err) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
    req.pipe(upstream);
  });
  server.on('connection', track);
  server.on('upgrade', (req, client: net.Socket, head: Buffer) => {
    requests.push({ kind: 'ws', path: req.url ?? '/', at: Date.now() });
    const upstream = net.connect(targetPort, '127.0.0.1');
    track(upstream);
    upstream.setNoDelay(true);
    client.setNoDelay(true);
    upstream.once('connect', () => {
      const headers = Object.entries(req.headers)
        .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : v === undefined ? [] : [`${k}: ${v}`]))
        .join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.once('error', closeBoth);
    client.once('error', closeBoth);
    upstream.once('close', closeBoth);
    client.once('close', closeBoth);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    wsBaseUrl: `ws://127.0.0.1:${port}`,
    restBaseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
