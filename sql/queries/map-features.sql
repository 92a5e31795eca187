-- The map's answer for an EPSG:4490 bbox ($1..$4), as the viewer may see it ($5 organisation restriction, $6 county
-- codes; null: none), optionally one stage ($7), built here as GeoJSON text: up to $8 results as slim features (id =
-- survey result id, no crs member, lon/lat to 7 decimals ≈ 1 cm), in the spatial index's order — no sort of every
-- result in view; where more than $8 lie in the box (a city view), parcel counts on a grid of $9 cells across instead.
-- Features are a read of coordinates (R8): the same statement records it as one row of the hub's audit events listing the parcels drawn,
-- by the actor $10–$13 (name, account id, roles, client address), for application $14 and purpose $15, with the
-- details $16 (bbox, stage, browsing) — counts are no parcel's data and are not recorded. Also answered: whether it
-- aggregated, and how many parcels the features show.
WITH visible AS NOT MATERIALIZED (
  SELECT r.id, r.parcel_code, r.stage, r.kind, r.status, r.superseded_by, r.organisation, r.surveyed_on, r.plane_area_m2, r.geom_4490
  FROM survey_result r
  WHERE r.geom_4490 && ST_MakeEnvelope($1, $2, $3, $4, 4490)
    AND r.status <> 'rejected'
    AND ($5::text IS NULL OR r.status = 'accepted' OR r.organisation = $5)
    AND ($6::text[] IS NULL OR left(r.parcel_code, 6) = ANY ($6))
    AND ($7::text IS NULL OR r.stage = $7)
), hit AS (
  SELECT * FROM visible LIMIT $8::int + 1
), answer AS (
  SELECT (SELECT count(*) FROM hit) > $8::int AS aggregated
), audit AS (
  INSERT INTO audit_hub_event (actor, actor_id, roles, action, subject_id, application_no, purpose, client_address, details)
  SELECT $10::text, $11::uuid, $12::text[], 'map.read', NULL, $14::text, $15::text, $13::text,
    $16::jsonb || jsonb_build_object('parcelCodes', (SELECT jsonb_agg(DISTINCT parcel_code::text COLLATE "C" ORDER BY parcel_code::text COLLATE "C") FROM hit))
  FROM answer WHERE NOT answer.aggregated AND EXISTS (SELECT 1 FROM hit)
  RETURNING 1
)
SELECT answer.aggregated, (SELECT count(*) FROM audit) AS audited,
  CASE WHEN answer.aggregated THEN (
    -- Square cells of the longer side / $9; each cell a point at its centre with the number of parcels in it.
    SELECT '{"type":"FeatureCollection","aggregated":true,"features":[' || coalesce(string_agg(json_build_object(
        'type', 'Feature',
        'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(round(($1 + (g.i + 0.5) * g.size)::numeric, 6), round(($2 + (g.j + 0.5) * g.size)::numeric, 6))),
        'properties', json_build_object('parcels', g.parcels, 'results', g.results))::text, ','), '') || ']}'
    FROM (
      SELECT c.i, c.j, c.size, count(DISTINCT c.parcel_code) AS parcels, count(*) AS results
      FROM (
        SELECT v.parcel_code, s.size,
          floor(((ST_XMin(v.geom_4490) + ST_XMax(v.geom_4490)) / 2 - $1) / s.size)::int AS i,
          floor(((ST_YMin(v.geom_4490) + ST_YMax(v.geom_4490)) / 2 - $2) / s.size)::int AS j
        FROM visible v, (SELECT greatest($3 - $1, $4 - $2) / $9::int AS size) s
      ) c GROUP BY c.i, c.j, c.size
    ) g)
  ELSE (
    SELECT '{"type":"FeatureCollection","aggregated":false,"features":[' || coalesce(string_agg(json_build_object(
        'type', 'Feature', 'id', h.id,
        'geometry', ST_AsGeoJSON(h.geom_4490, 7, 0)::json,
        'properties', json_build_object('parcelCode', h.parcel_code, 'stage', h.stage, 'kind', h.kind, 'role', k.geometry_role,
          'status', h.status, 'superseded', h.superseded_by IS NOT NULL, 'organisation', h.organisation, 'surveyedOn', h.surveyed_on,
          'planeAreaM2', round(h.plane_area_m2::numeric, 3)))::text, ','), '') || ']}'
    FROM hit h JOIN survey_kind k ON k.code = h.kind)
  END AS body
FROM answer
