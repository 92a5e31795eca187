-- The staging tables of one bulk import (temp, dropped at COMMIT): plots (with the polygon the parse worker wrote as
-- WKT) and 界址点 as they will be stored (closing points left out), the findings, and the results the move stored.
CREATE TEMP TABLE staged_plot (
  plot_no integer PRIMARY KEY, line integer NOT NULL, parcel_code text, declared text, point_count text, part_no integer NOT NULL,
  geom geometry, geom_4490 geometry, valid boolean, area double precision, emin float8, emax float8, nmin float8, nmax float8, declared_m2 numeric, declared_tolerance_m2 numeric
) ON COMMIT DROP;
CREATE TEMP TABLE staged_point (
  plot_no integer NOT NULL, ring_no integer NOT NULL, seq integer NOT NULL, point_no text NOT NULL, x text NOT NULL, y text NOT NULL, line integer NOT NULL
) ON COMMIT DROP;
CREATE TEMP TABLE staged_finding (
  plot_no integer, line integer, code text NOT NULL, severity text NOT NULL, en text NOT NULL, zh text NOT NULL
) ON COMMIT DROP;
CREATE TEMP TABLE staged_result (parcel_code text PRIMARY KEY, id uuid NOT NULL) ON COMMIT DROP;
