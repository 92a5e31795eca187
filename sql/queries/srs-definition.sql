-- The name and OGC WKT of an EPSG CRS ($1), for the .prj of a shapefile and the SRS table of a GeoPackage.
SELECT srid, srtext, split_part(split_part(srtext, '"', 2), '"', 1) AS name FROM spatial_ref_sys WHERE auth_name = 'EPSG' AND auth_srid = $1
