// What Citus asks of an ALTER TABLE on a distributed table: one subcommand per statement, column constraints named.
import { stripComments } from './sql-statements';

const ALTER = /^\s*ALTER\s+TABLE\s+((?:ONLY\s+|IF\s+EXISTS\s+)*)("?[A-Za-z_][A-Za-z_0-9]*"?)\s+([\s\S]*)$/i;
const ADD_COLUMN = /^ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z_0-9]*)"?\s/i;
/** An inline column constraint and the suffix PostgreSQL names it with (table_column_suffix). */
const INLINE = /\s(CHECK\s*\(|UNIQUE\b|REFERENCES\b)/gi;
const SUFFIX: Record<string, string> = { CHECK: 'check', UNIQUE: 'key', REFERENCES: 'fkey' };

/**
 * The statements to run on Citus for one migration statement: an ALTER TABLE of several subcommands becomes one
 * statement per subcommand, and a constraint declared with its column gets the name PostgreSQL would give it
 * (Citus refuses "ADD CONSTRAINT with other subcommands" and unnamed constraints on a new column). The schema that
 * results is the one PostgreSQL makes of the original; every other statement is returned as it is.
 */
export function citusStatements(statement: string): string[] {
  const match = ALTER.exec(stripComments(statement));
  if (!match) return [statement];
  const [, only, table, rest] = match;
  const subcommands = splitTopLevel(rest);
  const named = subcommands.map((sub) => nameColumnConstraints(table.replace(/"/g, ''), sub));
  if (subcommands.length === 1 && named[0] === subcommands[0]) return [statement];
  return named.map((sub) => `ALTER TABLE ${only}${table} ${sub}`);
}

function nameColumnConstraints(table: string, subcommand: string): string {
  const column = ADD_COLUMN.exec(subcommand)?.[1];
  if (!column || /^ADD\s+CONSTRAINT\b/i.test(subcommand) || /\sCONSTRAINT\s/i.test(subcommand)) return subcommand;
  return subcommand.replace(INLINE, (_, kind: string) => ` CONSTRAINT ${table}_${column}_${SUFFIX[kind.replace(/[\s(]/g, '').toUpperCase()]} ${kind}`);
}

/** Splits at commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}
