// On Citus an ALTER TABLE runs one subcommand at a time, with column constraints named as PostgreSQL names them.
import { citusStatements } from '../../server/db/citus-ddl';

describe('an ALTER TABLE for Citus', () => {
  it('becomes one statement per subcommand, an inline CHECK or REFERENCES named <table>_<column>_check/_fkey', () => {
    const statement = "-- evidence\nALTER TABLE survey_result\n  ADD COLUMN a smallint CHECK (a BETWEEN 1 AND 3),\n  ADD COLUMN b text REFERENCES survey_kind (code),\n  ADD CONSTRAINT c_complete CHECK ((a IS NULL) = (b IS NULL))";
    expect(citusStatements(statement)).toEqual([
      'ALTER TABLE survey_result ADD COLUMN a smallint CONSTRAINT survey_result_a_check CHECK (a BETWEEN 1 AND 3)',
      'ALTER TABLE survey_result ADD COLUMN b text CONSTRAINT survey_result_b_fkey REFERENCES survey_kind (code)',
      'ALTER TABLE survey_result ADD CONSTRAINT c_complete CHECK ((a IS NULL) = (b IS NULL))',
    ]);
  });

  it('leaves one subcommand, a named constraint, and every other statement as they are', () => {
    for (const statement of ['ALTER TABLE parcel ADD COLUMN organisation text', "ALTER TABLE t ADD COLUMN x text CONSTRAINT x_ok CHECK (x <> '')", 'CREATE TABLE t (a int, b int)']) {
      expect(citusStatements(statement)).toEqual([statement]);
    }
  });
});
