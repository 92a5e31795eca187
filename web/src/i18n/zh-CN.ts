// 简体中文 — the app's first language.
export default {
  app: { title: '多测合一成果共享平台', subtitle: 'OneSurvey Hub', language: 'English', logout: '退出', demo: '演示账户', loading: '正在加载…', listSeparator: '、' },
  roles: { surveyor: '测绘单位', reviewer: '审核', registrar: '登记', planner: '规划', admin: '管理员' },
  login: {
    title: '登录', username: '用户名', password: '密码', submit: '登录',
    hint: '演示账户：demo-surveyor、demo-reviewer、demo-registrar、demo-planner、demo-admin，密码均为 demo。',
  },
  tabs: { find: '查找', upload: '成果上传', review: '成果审核', compare: '面积对比' },
  stages: { land_supply: '用地/供地', planning: '规划', presale: '预售', completion: '竣工验收', legacy: '历史成果' },
  status: { submitted: '待审核', accepted: '已审核', rejected: '已退回', superseded: '已被替代' },
  layerRoles: { parcel_boundary: '宗地界址', building_footprint: '建筑基底' },
  map: {
    layers: '图层', readout: 'X（北）{x}  Y（东）{y}  · {crs}（{zone} 带） · 经度 {lon}  纬度 {lat}',
    measureLength: '量距离', measureArea: '量面积', measureStop: '停止量算', clear: '清除',
    length: '长度 {value} 米（{crs} 平面）', area: '面积 {value} 平方米（{crs} 平面）',
    loadFailed: '地图数据加载失败：{reason}', truncated: '当前范围内要素太多，只显示了一部分，请放大。',
  },
  find: {
    placeholder: '宗地代码、不动产单元号或坐落', search: '查找', none: '没有找到符合条件的宗地。',
    clickHint: '输入查询条件，或在地图上点击一宗地。', results: '找到 {n} 宗地',
  },
  parcel: {
    close: '关闭', timeline: '各阶段成果', boundary: '现状界址', points: '界址点', pointNo: '点号',
    noBoundary: '这宗地还没有已审核的界址成果。', areas: '各阶段面积', stage: '阶段', kind: '测绘事项', statusCol: '状态',
    organisation: '测绘单位', date: '测量日期', planeArea: '平面面积（㎡）', declaredArea: '申报面积（㎡）',
    buildingArea: '建筑面积（㎡）', innerArea: '套内面积（㎡）', sharedArea: '分摊面积（㎡）', units: '单元数',
    none: '—', source: '来源：{kind}，{date}，{crs}', location: '坐落', landUse: '用途', rightType: '权利类型',
  },
  packet: {
    title: '生成登记用成果包', type: '登记类型', applicationNo: '申请编号', purpose: '用途', submit: '生成成果包',
    purposeDefault: '不动产登记', boundaryRule: '界址依据', landArea: '宗地面积', downloads: '下载：', decisionIs: '结论：{decision}', rule: '（{rule}）',
    types: {
      firstLand: '国有建设用地使用权首次登记', firstHouse: '房屋所有权首次登记', change: '变更登记', transfer: '转移登记', advance: '预告登记',
      mortgage: '抵押登记', correction: '更正登记', objection: '异议登记', cancellation: '注销登记', seizure: '查封登记',
    },
    decisions: { ready: '可直接用于登记', reuse: '可复用已审核成果', needs_survey: '需要补充测绘', not_needed: '无需测绘成果' },
  },
  upload: {
    drop: '将成果文件拖到此处，或点击选择文件（TXT、GeoJSON、CSV、DXF、Shapefile .zip）', file: '文件：{name}',
    stage: '审批阶段', kind: '测绘事项', parcelCode: '宗地代码', organisation: '测绘单位', surveyedOn: '测量日期',
    precisionClass: '精度等级', crs: '坐标系（文件未注明时）', crsFromFile: '以文件为准', validate: '质检', submit: '提交成果',
    classes: { '1': '一级', '2': '二级', '3': '三级' }, needFile: '请先选择一个成果文件。',
    submitted: '成果已提交，编号 {id}，平面面积 {area} 平方米，等待审核。', notSurveyor: '只有测绘单位账户可以上传成果。',
  },
  report: {
    title: '质检报告', summary: '{errors} 个错误，{warnings} 个警告', passed: '质检通过，可以提交。', failed: '存在错误，修改后才能提交。',
    where: '第 {line} 行', plot: '地块 {plot}', ring: '圈 {ring}', point: '点 {point}', zoom: '在地图上查看', suggestion: '建议：{text}',
  },
  review: {
    queue: '待审核成果', empty: '没有待审核的成果。', accept: '审核通过', reject: '退回', note: '审核意见', noteRequired: '退回时必须填写审核意见。',
    same: '与已审核界址一致', changed: '界址有变化', noAccepted: '这宗地还没有已审核的界址，无法比对。', moved: '位移的界址点',
    displacement: '位移（米）', hausdorff: '最大偏离 {value} 米', symDiff: '面积差异 {value} 平方米', decided: '已处理：{decision}',
    legendAdded: '新增范围', legendRemoved: '减少范围', legendCandidate: '待审核成果', legendAccepted: '已审核界址', noGeometry: '这条成果没有图形，只能核对属性。',
  },
  compare: {
    parcelCode: '宗地代码', load: '对比', csv: '下载 CSV', unit: '不动产单元号', building: '幢号', presale: '预测建筑面积',
    verified: '实测建筑面积', ratio: '面积误差比', flagged: '超过 ±3%', chart: '各单元面积误差比（建筑面积）', none: '这宗地没有可对比的预测和实测面积。',
    missing: '缺少{side}面积', sides: { presale: '预测', verified: '实测' }, flaggedCount: '{n} 个单元的面积误差比超过 ±3%',
  },
  state: { loading: '正在加载…', empty: '暂无数据。' },
  errors: {
    NETWORK: '无法连接到平台服务，请检查网络后重试。', AUTH_REQUIRED: '登录已失效，请重新登录。', LOGIN_FAILED: '用户名或密码错误。',
    LOGIN_RATE_LIMITED: '登录尝试过于频繁，请一分钟后再试。', ROLE_FORBIDDEN: '当前账户没有执行此操作的权限。',
    PARCEL_NOT_FOUND: '没有找到这宗地。', PARCEL_CODE_INVALID: '宗地代码格式不正确（应为 19 位）。', SURVEY_NOT_FOUND: '没有找到这条成果。',
    SURVEY_ALREADY_DECIDED: '这条成果已经被其他人审核过了。', UPLOAD_FILE_MISSING: '请选择一个成果文件。', CRS_MISSING: '文件没有注明坐标系，请选择坐标系。',
    QUALITY_FAILED: '成果质检未通过，请修改后再提交。', fallback: '操作没有成功：{message}',
  },
} as const;
