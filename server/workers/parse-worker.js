// Bootstrap of a parse worker thread: the hub runs TypeScript (tsx under npm start, @swc/jest under jest), a fresh
// worker thread runs neither, so register tsx's CommonJS hook here before loading the TypeScript worker.
require('tsx/cjs/api').register();
require('./parse.worker.ts');
