// What reached the exchange: TCP connections (with the peer's port, so a test can tell a proxy's tunnels from
// direct connections), WebSocket upgrade requests and REST requests, refused ones included.
import type { Server } from 'http';

export interface ExchangeTraffic {
  tcpConnections: number;
  /** Remote port of every accepted TCP connection, in order. */
  peerPorts: number[];
  wsUpgrades: number;
  restRequests: number;
}

export function countTraffic(server: Server): () => ExchangeTraffic {
  const traffic: ExchangeTraffic = { tcpConnections: 0, peerPorts: [], wsUpgrades: 0, restRequests: 0 };
  server.on('connection', (socket) => {
    traffic.tcpConnections++;
    if (socket.remotePort !== undefined) traffic.peerPorts.push(socket.remotePort);
  });
  server.on('request', () => traffic.restRequests++);
  server.on('upgrade', () => traffic.wsUpgrades++);
  return () => ({ ...traffic, peerPorts: [...traffic.peerPorts] });
}
