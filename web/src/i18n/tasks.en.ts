// English — task lists (my results, the review queue, suspended), one result at a time, and the compare panel's additions.
export default {
  tasks: {
    tab: 'My results', queue: 'To review', suspended: 'Suspended', filter: 'Status', all: 'All', empty: 'No results match.',
    suspend: 'Suspend', resume: 'Resume review', suspendNote: 'Why it waits', suspendNoteRequired: 'A suspension needs a note.',
    suspendedBy: 'Suspended by {by} at {at}: {note}', reviewNote: 'Reviewer\'s note: {note}', reviewedBy: '{status} by {reviewer} at {at}',
    correct: 'Submit a correction', correcting: 'Correcting result {id} ({parcelCode}); once accepted it replaces that result.', cancelCorrection: 'Cancel the correction',
    submittedAt: 'Submitted {at}', supersedes: 'Corrects {id}', open: 'Open',
  },
  result: {
    title: 'Survey result', back: 'Back to the parcel', id: 'Result id', stage: 'Stage', kind: 'Survey kind', status: 'Status', organisation: 'Survey organisation',
    surveyedOn: 'Surveyed on', crs: 'CRS', precisionClass: 'Point precision class', planeArea: 'Plane area', declaredArea: 'Declared area', m2: '{value} m²',
    submitted: 'Submitted', reviewed: 'Reviewed', reviewNote: 'Reviewer\'s note', supersedes: 'Corrects', supersededBy: 'Superseded by', sourceFile: 'Source file',
    downloads: 'Download', why: 'A registrar\'s download names its application number and purpose (R8)', noGeometry: 'This result has no geometry.', ring: 'Ring', part: 'Part',
    formats: { txt: 'Exchange TXT', geojson: 'GeoJSON', csv: 'Point CSV', dxf: 'DXF', gpkg: 'GeoPackage', shp: 'Shapefile (zip)' },
  },
  chart: { axisRatio: 'Area difference ratio (%)', axisUnit: 'Unit', limit: 'Limit ±{limit}%', legal: 'Rule: {text}', zoom: 'Show the parcel on the map' },
} as const;
