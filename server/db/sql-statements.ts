// Splits a migration file into its statements: Citus forwards a statement's text to the workers, and a text with several statements is refused there.

/**
 * The statements of `text`, in order, each without its final `;`: semicolons inside quotes ('…', "…", $tag$…$tag$)
 * and comments (--…, nested /* … *\/) do not end a statement. Statements that are only comments are dropped.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const skipped = skipQuotedOrComment(text, i);
    if (skipped > i) {
      i = skipped;
    } else if (text[i] === ';') {
      statements.push(text.slice(start, i));
      start = ++i;
    } else {
      i++;
    }
  }
  statements.push(text.slice(start));
  return statements.filter((s) => stripComments(s).trim() !== '').map((s) => s.trim());
}

/** Where the quoted text or comment starting at `i` ends (just after it); `i` when none starts there. */
function skipQuotedOrComment(text: string, i: number): number {
  const c = text[i];
  if (c === '-' && text[i + 1] === '-') return endOf(text, '\n', i + 2);
  if (c === '/' && text[i + 1] === '*') return endOfBlockComment(text, i);
  if (c === "'" || c === '"') return endOfQuoted(text, c, i + 1);
  if (c === '$') {
    const tag = /^\$[A-Za-z_0-9]*\$/.exec(text.slice(i, i + 64));
    // $1 (a parameter) is no tag: a tag does not start with a digit.
    if (tag && !/^\$[0-9]/.test(tag[0])) return endOf(text, tag[0], i + tag[0].length);
  }
  return i;
}

const endOf = (text: string, closing: string, from: number) => {
  const at = text.indexOf(closing, from);
  return at < 0 ? text.length : at + closing.length;
};

/** A quoted text ends at the quote that is not doubled ('' and "" stand for one quote). */
function endOfQuoted(text: string, quote: string, from: number): number {
  let i = from;
  for (;;) {
    const at = text.indexOf(quote, i);
    if (at < 0) return text.length;
    if (text[at + 1] !== quote) return at + 1;
    i = at + 2;
  }
}

function endOfBlockComment(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return text.length;
}

export function stripComments(statement: string): string {
  let out = '';
  let i = 0;
  while (i < statement.length) {
    const skipped = skipQuotedOrComment(statement, i);
    const isComment = skipped > i && (statement.startsWith('--', i) || statement.startsWith('/*', i));
    if (skipped > i) {
      if (!isComment) out += statement.slice(i, skipped);
      i = skipped;
    } else {
      out += statement[i++];
    }
  }
  return out;
}
