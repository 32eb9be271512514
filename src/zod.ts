import { createRequire } from 'node:module';
import type * as zod from 'zod';

/**
 * zod, from its CommonJS build, for every module that validates with it. `npm start` validates its
 * configuration before it logs in, and under tsx each of the ES build's ~100 modules (63 of them
 * locales) takes a trip through the loader hooks: ~100 ms more before IDENTIFY. One import for all,
 * so it is loaded once. Types come from `import type * as zod from 'zod'` (erased at run time).
 */
export const z: typeof zod.z = (createRequire(import.meta.url)('zod') as typeof zod).z;
