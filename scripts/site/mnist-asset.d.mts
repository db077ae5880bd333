// Types for mnist-asset.mjs (used by test/data/mnist-browser.test.ts).
export const MNIST_ASSET_PATH: string;
export function encodeMnistAsset(folder?: string): Uint8Array;
export function writeMnistAsset(publicDir?: string): { path: string; bytes: number };
