-- The synthetic city's blocks (npm run generate): a global grid of $5 × $6 m cells in EPSG:4526, each kept when it lies
-- 500 m inside its county's outline ($1 codes, $2 names, $3 outlines as GeoJSON in EPSG:4490) and 20 m clear of every
-- result already stored; each county fills outward from its centre, the counties in turn, until $4 blocks. A cell
-- belongs to one county only (outlines shrunk by 500 m do not touch), so no two blocks overlap.
CREATE TEMP TABLE city_block ON COMMIT DROP AS
WITH county AS MATERIALIZED (
  SELECT code, name, ord, area, ST_Centroid(area) AS centre
  FROM (SELECT c.code, c.name, c.ord::int AS ord, ST_Buffer(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(c.outline), 4490), 4526), -500) AS area
        FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS c (code, name, outline, ord)) o
), cell AS (
  SELECT c.code, c.name, c.ord, o.x0, o.y0,
    row_number() OVER (PARTITION BY c.code ORDER BY ST_Distance(c.centre, ST_SetSRID(ST_MakePoint(o.x0 + $5 / 2, o.y0 + $6 / 2), 4526)), o.x0, o.y0) AS county_rank
  FROM county c
  CROSS JOIN LATERAL generate_series(floor(ST_XMin(c.area) / $5)::int, ceil(ST_XMax(c.area) / $5)::int) i
  CROSS JOIN LATERAL generate_series(floor(ST_YMin(c.area) / $6)::int, ceil(ST_YMax(c.area) / $6)::int) j
  -- Millimetres that differ by county, as surveyed coordinates do; shared corners stay identical (same arithmetic).
  CROSS JOIN LATERAL (SELECT i * $5::numeric + (c.ord * 0.137) % 1 AS x0, j * $6::numeric + (c.ord * 0.291) % 1 AS y0) o
  WHERE ST_Contains(c.area, ST_MakeEnvelope(o.x0, o.y0, o.x0 + $5, o.y0 + $6, 4526))
), free AS (
  -- In fill order, the clearance test runs only until enough blocks are found (OFFSET 0 keeps it above the sort).
  SELECT s.* FROM (SELECT * FROM cell ORDER BY county_rank, ord OFFSET 0) s
  WHERE NOT EXISTS (SELECT 1 FROM survey_result r
                    WHERE r.geom_4490 && ST_Transform(ST_MakeEnvelope(s.x0 - 20, s.y0 - 20, s.x0 + $5 + 20, s.y0 + $6 + 20, 4526), 4490))
  LIMIT $4
)
SELECT code, name, ord, x0, y0, county_rank, row_number() OVER (ORDER BY county_rank, ord) AS block_no FROM free
