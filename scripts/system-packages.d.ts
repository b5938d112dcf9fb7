// Types for system-packages.js (plain CommonJS: it runs before any dependency is installed).
export type SystemNeed = 'hostBuild' | 'browser';
export class SystemPackagesError extends Error {}
export function missingPackages(needs: SystemNeed[]): string[];
export function ensureSystemPackages(needs: SystemNeed[], options?: { log?: (message: string) => void }): string[];
