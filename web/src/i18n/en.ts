// English — the app's second language; the same keys as zh-CN.
export default {
  app: { title: 'OneSurvey Hub', subtitle: '多测合一成果共享平台', language: '中文', logout: 'Log out', demo: 'demo account', loading: 'Loading…', listSeparator: ', ' },
  roles: { surveyor: 'surveyor', reviewer: 'reviewer', registrar: 'registrar', planner: 'planner', admin: 'admin' },
  login: {
    title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in',
    hint: 'Demo accounts: demo-surveyor, demo-reviewer, demo-registrar, demo-planner, demo-admin — password demo.',
  },
  tabs: { find: 'Find', upload: 'Upload', review: 'Review', compare: 'Compare areas' },
  stages: { land_supply: 'Land supply', planning: 'Planning', presale: 'Pre-sale', completion: 'Completion', legacy: 'Legacy' },
  status: { submitted: 'submitted', accepted: 'accepted', rejected: 'returned', superseded: 'superseded' },
  layerRoles: { parcel_boundary: 'Parcel boundaries', building_footprint: 'Building footprints' },
  map: {
    layers: 'Layers', readout: 'X (north) {x}  Y (east) {y}  · {crs} (zone {zone}) · lon {lon}  lat {lat}',
    measureLength: 'Measure distance', measureArea: 'Measure area', measureStop: 'Stop measuring', clear: 'Clear',
    length: 'Length {value} m (plane, {crs})', area: 'Area {value} m² (plane, {crs})',
    loadFailed: 'The map data could not be loaded: {reason}', truncated: 'Too many features here; only some are shown — zoom in.',
  },
  find: {
    placeholder: 'Parcel code, unit code or address', search: 'Find', none: 'No parcel matches.',
    clickHint: 'Search, or click a parcel on the map.', results: '{n} parcel(s) found',
  },
  parcel: {
    close: 'Close', timeline: 'Results by stage', boundary: 'Current boundary', points: 'Boundary points', pointNo: 'Point',
    noBoundary: 'This parcel has no accepted boundary yet.', areas: 'Areas by stage', stage: 'Stage', kind: 'Survey kind', statusCol: 'Status',
    organisation: 'Surveyed by', date: 'Surveyed on', planeArea: 'Plane area (m²)', declaredArea: 'Declared area (m²)',
    buildingArea: 'Building area (m²)', innerArea: 'Inner area (m²)', sharedArea: 'Shared area (m²)', units: 'Units',
    none: '—', source: 'From: {kind}, {date}, {crs}', location: 'Address', landUse: 'Use', rightType: 'Right',
  },
  packet: {
    title: 'Registration packet', type: 'Registration type', applicationNo: 'Application no.', purpose: 'Purpose', submit: 'Create packet',
    purposeDefault: 'Real-estate registration', boundaryRule: 'Boundary from', landArea: 'Land area', downloads: 'Download: ', decisionIs: 'Decision: {decision}', rule: '({rule})',
    types: {
      firstLand: 'First registration: state-owned construction land use right', firstHouse: 'First registration: house ownership', change: 'Change registration',
      transfer: 'Transfer registration', advance: 'Advance notice registration', mortgage: 'Mortgage registration', correction: 'Correction registration',
      objection: 'Objection registration', cancellation: 'Cancellation registration', seizure: 'Seizure registration',
    },
    decisions: { ready: 'ready for registration', reuse: 'reuse accepted results', needs_survey: 'a new survey is needed', not_needed: 'no survey needed' },
  },
  upload: {
    drop: 'Drop a survey file here or click to choose one (TXT, GeoJSON, CSV, DXF, Shapefile .zip)', file: 'File: {name}',
    stage: 'Stage', kind: 'Survey kind', parcelCode: 'Parcel code', organisation: 'Organisation', surveyedOn: 'Surveyed on',
    precisionClass: 'Precision class', crs: 'CRS (if the file has none)', crsFromFile: 'from the file', validate: 'Check', submit: 'Submit',
    classes: { '1': 'class 1', '2': 'class 2', '3': 'class 3' }, needFile: 'Choose a survey file first.',
    submitted: 'Submitted as {id}, plane area {area} m², waiting for review.', notSurveyor: 'Only surveyor accounts can upload results.',
  },
  report: {
    title: 'Quality report', summary: '{errors} error(s), {warnings} warning(s)', passed: 'The checks passed; you can submit.', failed: 'There are errors; fix them before submitting.',
    where: 'line {line}', plot: 'plot {plot}', ring: 'ring {ring}', point: 'point {point}', zoom: 'Show on the map', suggestion: 'Suggestion: {text}',
  },
  review: {
    queue: 'Waiting for review', empty: 'Nothing is waiting for review.', accept: 'Accept', reject: 'Return', note: 'Note', noteRequired: 'A note is required to return a result.',
    same: 'Same boundary as the accepted one', changed: 'The boundary changed', noAccepted: 'This parcel has no accepted boundary to compare with.', moved: 'Moved points',
    displacement: 'Displacement (m)', hausdorff: 'Largest deviation {value} m', symDiff: 'Area difference {value} m²', decided: 'Done: {decision}',
    legendAdded: 'added area', legendRemoved: 'removed area', legendCandidate: 'result under review', legendAccepted: 'accepted boundary', noGeometry: 'This result has no geometry; check its attributes.',
  },
  compare: {
    parcelCode: 'Parcel code', load: 'Compare', csv: 'Download CSV', unit: 'Unit code', building: 'Building', presale: 'Pre-sale area',
    verified: 'Verified area', ratio: 'Area error ratio', flagged: 'beyond ±3 %', chart: 'Area error ratio per unit (building area)', none: 'This parcel has no pre-sale and verified areas to compare.',
    missing: '{side} area missing', sides: { presale: 'pre-sale', verified: 'verified' }, flaggedCount: '{n} unit(s) beyond ±3 %',
  },
  state: { loading: 'Loading…', empty: 'Nothing here yet.' },
  errors: {
    NETWORK: 'The hub cannot be reached; check the connection and try again.', AUTH_REQUIRED: 'Your session has ended; please log in again.', LOGIN_FAILED: 'The username or password is wrong.',
    LOGIN_RATE_LIMITED: 'Too many login attempts; try again in a minute.', ROLE_FORBIDDEN: 'Your account may not do this.',
    PARCEL_NOT_FOUND: 'There is no such parcel.', PARCEL_CODE_INVALID: 'The parcel code is not valid (19 characters).', SURVEY_NOT_FOUND: 'There is no such result.',
    SURVEY_ALREADY_DECIDED: 'Someone else has already decided on this result.', UPLOAD_FILE_MISSING: 'Choose a survey file.', CRS_MISSING: 'The file names no CRS; choose one.',
    QUALITY_FAILED: 'The quality checks failed; fix the file and submit again.', fallback: 'That did not work: {message}',
  },
} as const;
