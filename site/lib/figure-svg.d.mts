// Types for figure-svg.mjs.
export function niceTicks(a: number, b: number, n?: number): number[];
export function figureSvg(fig: { data: Record<string, unknown>[]; layout?: Record<string, unknown> }): string;
