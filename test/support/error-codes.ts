// Every error code the hub's server source can answer with, collected from the source text (not from a list someone
// keeps): the codes of HubErrors, of the database-error table, of refused query values and of the problems the domain
// returns for a route to throw. Quality findings (server/quality/) carry their own zh/en messages and are not API errors.
import fs from 'node:fs';
import path from 'node:path';

const SERVER_DIR = path.resolve(__dirname, '../../server');

/** Where codes are written: a HubError helper or constructor, a `code:` or `invalidCode:` property, a `code = …` choice. */
const CODE_SITES = [
  /\b(?:badRequest|notFound|conflict|rateLimited|new NotApplicable)\(\s*('[A-Z][A-Z0-9_]+')/g,
  /\bHubError\(\s*\d{3},\s*('[A-Z][A-Z0-9_]+')/g,
  /\b(?:code|invalidCode):\s*('[A-Z][A-Z0-9_]+')/g,
  /\bcode = ([^;]+);/g,
];
const QUOTED_CODE = /'([A-Z][A-Z0-9_]{2,})'/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'quality' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The codes, sorted, each with the files it is written in. */
export function serverErrorCodes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(SERVER_DIR)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const site of CODE_SITES) {
      for (const m of text.matchAll(site)) {
        for (const [, code] of m[1].matchAll(QUOTED_CODE)) found.set(code, [...(found.get(code) ?? []), path.relative(SERVER_DIR, file)]);
      }
    }
  }
  return new Map([...found].sort(([a], [b]) => a.localeCompare(b)));
}
