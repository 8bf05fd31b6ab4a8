/**
 * Writes docs/functions.md from the one table of function docs (server/src/claims/catalog.ts), so the
 * reference and the editor's completion can never disagree. Run from the repository root:
 *   node --import tsx tools/docs/functions.ts
 * A unit test (test/unit/claims/catalog.test.ts) fails when the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { functionsMarkdown } from '../../server/src/claims/catalogMarkdown';

writeFileSync(new URL('../../docs/functions.md', import.meta.url), functionsMarkdown());
console.log('wrote docs/functions.md');
