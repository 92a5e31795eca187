// vue-tsc over web/ (tsconfig in web/), driven by TypeScript 6's compiler API (@typescript/typescript6): the project's
// `typescript` is the native TypeScript 7, whose package has no JS API for vue-tsc. (npm may link node_modules/.bin/tsc
// to that TypeScript 6, so npm run typecheck calls TypeScript 7's tsc by its path.)
require('vue-tsc').run(require.resolve('@typescript/old/lib/tsc'));
