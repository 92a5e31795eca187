-- One import run: who imported it, whether it stored anything, and the parcels of its results (for the county scope).
SELECT id, actor, dry_run, results_stored, file_name, coalesce(parcel_codes, '{}') AS parcel_codes FROM import_run WHERE id = $1
