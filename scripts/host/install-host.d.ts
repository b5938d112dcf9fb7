// Types for install-host.js (plain CommonJS so `npm start` and `npm test` run it with no build step).
export interface HostInstall {
  cacheDir: string;
  nodeDir: string;
  nodeBin: string;
  codeServerEntry: string;
  marker: string;
  installLog: string;
  configFile: string;
  codeServerVersion: string;
  node: string;
  codeServer: string;
  seconds: number;
}
export const CODE_SERVER_VERSION: string;
export class HostInstallError extends Error {}
export function hostCacheDir(): string;
export function installHost(options?: { log?: (message: string) => void }): HostInstall;
export function nestedNpmEnv(baseEnv: NodeJS.ProcessEnv, overrides?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
