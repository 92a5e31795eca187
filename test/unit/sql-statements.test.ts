// Migration files are run one statement at a time (Citus): the split must respect quotes, dollar quotes and comments.
import { readMigrations } from '../../server/db/migrate';
import { splitStatements } from '../../server/db/sql-statements';

describe('a migration file split into statements', () => {
  it('ends a statement only at a semicolon outside quotes, dollar-quoted bodies and comments', () => {
    const text = [
      "-- a comment; with a semicolon",
      "CREATE TABLE t (a text DEFAULT 'x;y', \"b;c\" int); /* block; /* nested; */ still; */",
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;",
      "DO $$ BEGIN PERFORM 'it''s; fine'; END $$;",
      "SELECT $1::int;",
      "-- only a comment at the end;",
    ].join('\n');
    expect(splitStatements(text)).toEqual([
      "-- a comment; with a semicolon\nCREATE TABLE t (a text DEFAULT 'x;y', \"b;c\" int)",
      "/* block; /* nested; */ still; */\nCREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$",
      "DO $$ BEGIN PERFORM 'it''s; fine'; END $$",
      'SELECT $1::int',
    ]);
  });

  it('finds in every landed migration as many statements as lines that start one at the margin (views continue with SELECT there)', () => {
    const starts = /^(CREATE|COMMENT|ALTER|DO|DROP|INSERT|UPDATE|DELETE|GRANT|REVOKE)\b/gm;
    for (const m of readMigrations()) expect([m.name, splitStatements(m.sql).length]).toEqual([m.name, m.sql.match(starts)?.length]);
  });
});
