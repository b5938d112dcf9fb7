// Types for apexcharts-patch.js (plain CommonJS, required by esbuild.js).
export function patchApexCharts(source: string): string;
export const apexchartsPatchPlugin: { name: string; setup(build: unknown): void };
