// What bench/run.mjs needs from the sources, bundled once with esbuild into bench/out/core.cjs.
export { CheckCache, checkDocument } from '../server/src/checker';
export { scanDocument } from '../server/src/documents';
export { parseBlock } from '../server/src/claims';
export { evaluate } from '../server/src/engine';
export { fromData } from '../server/src/engine/tensor';
