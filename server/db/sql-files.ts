// Queries live in sql/queries/<question>.sql, read once; callers name the question, never write SQL inline.
import fs from 'node:fs';
import path from 'node:path';

const QUERIES_DIR = path.resolve(__dirname, '../../sql/queries');
const cache = new Map<string, string>();

/** The text of sql/queries/<name>.sql. */
export function sql(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = fs.readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, text);
  }
  return text;
}
