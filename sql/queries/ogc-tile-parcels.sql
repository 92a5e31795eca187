-- Vector tile rows of "parcels": the current boundary of each parcel not retired (as in ogc-parcels.sql, now) whose
-- display copy meets WebMercatorQuad tile $1/$2/$3 widened by $4 (a fraction of the tile: the tile buffer), in the
-- county codes $6 (null: all; $5 unused: accepted boundaries are visible to every role). props: the tile's attributes.
SELECT jsonb_build_object('parcelCode', b.parcel_code::text, 'location', p.location, 'landUse', p.land_use, 'establishedBy', b.id::text,
    'stage', b.stage, 'kind', b.kind, 'status', 'accepted') AS props,
  b.geom_4490 AS geom
FROM survey_result b
JOIN survey_kind k ON k.code = b.kind
JOIN parcel p ON p.parcel_code = b.parcel_code
WHERE b.geom_4490 && ST_Transform(ST_TileEnvelope($1::int, $2::int, $3::int, margin => $4::float8), 4490)
  AND b.status = 'accepted' AND b.superseded_by IS NULL AND b.geom IS NOT NULL AND k.geometry_role = 'parcel_boundary'
  AND b.boundary_role IS DISTINCT FROM 'confirms'
  AND ($5::text IS NULL OR true)
  AND ($6::text[] IS NULL OR left(b.parcel_code, 6) = ANY ($6))
  AND NOT EXISTS (
    SELECT 1 FROM survey_result o JOIN survey_kind ok ON ok.code = o.kind
    WHERE o.parcel_code = b.parcel_code AND o.status = 'accepted' AND o.superseded_by IS NULL AND o.geom IS NOT NULL
      AND ok.geometry_role = 'parcel_boundary' AND o.boundary_role IS DISTINCT FROM 'confirms' AND (o.reviewed_at, o.id) > (b.reviewed_at, b.id))
  AND NOT EXISTS (SELECT 1 FROM parcel_retirement t WHERE t.parcel_code = b.parcel_code)
