// Types for package.js (plain CommonJS, run by `npm run package` and by the end-to-end suite).
export interface PackagedVsix {
  file: string;
  size: number;
  files: string[];
}
export function vsixPath(): string;
export function packageVsix(options?: { log?: (message: string) => void; quiet?: boolean }): PackagedVsix;
