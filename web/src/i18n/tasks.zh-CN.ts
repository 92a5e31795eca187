// 简体中文 — task lists (我的成果, the review queue, 挂起), one result at a time, and the compare panel's additions.
export default {
  tasks: {
    tab: '我的成果', queue: '待审核', suspended: '挂起', filter: '状态', all: '全部', empty: '没有符合条件的成果。',
    suspend: '挂起', resume: '恢复审核', suspendNote: '挂起原因', suspendNoteRequired: '挂起时必须填写原因。',
    suspendedBy: '{by} 于 {at} 挂起：{note}', reviewNote: '审核意见：{note}', reviewedBy: '{reviewer} 于 {at} {status}',
    correct: '提交更正', correcting: '正在更正成果 {id}（{parcelCode}），提交后原成果将被替代。', cancelCorrection: '取消更正',
    submittedAt: '提交于 {at}', supersedes: '更正 {id}', open: '查看',
  },
  result: {
    title: '成果详情', back: '返回宗地', id: '成果编号', stage: '阶段', kind: '测绘事项', status: '状态', organisation: '测绘单位',
    surveyedOn: '测量日期', crs: '坐标系', precisionClass: '界址点精度', planeArea: '平面面积', declaredArea: '申报面积', m2: '{value} ㎡',
    submitted: '提交', reviewed: '审核', reviewNote: '审核意见', supersedes: '更正的成果', supersededBy: '被替代为', sourceFile: '来源文件',
    downloads: '下载', why: '登记人员下载须注明申请编号和用途（R8）', noGeometry: '这条成果没有图形。', ring: '圈号', part: '部分',
    formats: { txt: '交换文件 TXT', geojson: 'GeoJSON', csv: '界址点 CSV', dxf: 'DXF', gpkg: 'GeoPackage', shp: 'Shapefile（zip）' },
  },
  chart: { axisRatio: '面积误差比（%）', axisUnit: '不动产单元', limit: '限差 ±{limit}%', legal: '依据：{text}', zoom: '在地图上查看宗地' },
} as const;
