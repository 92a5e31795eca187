// A finding's suggestion as the sentence a surveyor reads, in both languages: values rounded as surveyors write them.
import zhCN from '../../web/src/i18n/zh-CN';
import en from '../../web/src/i18n/en';
import { suggestionText } from '../../web/src/components/upload/suggestion.text';

/** vue-i18n's named interpolation over the app's own messages (the sentence wording is the app's; the numbers are not). */
const translator = (messages: object) => (key: string, values: Record<string, unknown> = {}) => {
  const message = key.split('.').reduce((node: any, k) => node[k], messages) as string;
  return message.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
};
const zh = translator(zhCN);
const english = translator(en);

it('writes a swap as the corrected reading of its point, to the millimetre, in Chinese and English', () => {
  const suggestion = { points: [{ ring: 1, pointNo: 'J3', x: 3899260, y: 38430860 }] };
  expect(suggestionText('COORDINATES_SWAPPED', suggestion, zh)).toBe('将点 J3 改为 X 3899260.000，Y 38430860.000（X 为北坐标，Y 为东坐标）。');
  expect(suggestionText('COORDINATES_SWAPPED', suggestion, english)).toBe('Change point J3 to X 3899260.000, Y 38430860.000 (X is the northing, Y the easting).');
});

it('says how many more points need the same swap', () => {
  const points = ['J1', 'J2', 'J3'].map((pointNo, i) => ({ ring: 1, pointNo, x: 3899300 - i, y: 38430800 }));
  expect(suggestionText('COORDINATES_SWAPPED', { points }, zh)).toContain('另有 2 个点同样需要交换。');
});

it('rounds areas to 0.01 m² without float noise, keeping a 0.005 m² limit', () => {
  const suggestion = { declaredM2: 2300, declaredText: '0.2300', computedM2: 2985.9999999999995, differenceM2: -685.9999999999995, limitM2: 0.005 };
  const text = suggestionText('AREA_DIFFERS_FROM_COORDINATES', suggestion, zh);
  expect(text).toBe('坐标计算面积为 2986.00 ㎡，申报面积为 2300.00 ㎡，相差 686.00 ㎡，允许 ±0.005 ㎡；请核对坐标或申报面积。');
  expect(suggestionText('AREA_DIFFERS_FROM_COORDINATES', suggestion, english)).toContain('The coordinates give 2986.00 m², the declared area is 2300.00 m²: 686.00 m² apart');
});

it('names the overlapped parcel and the overlap in m² to 0.01', () => {
  expect(suggestionText('OVERLAPS_ACCEPTED_PARCEL', { parcelCode: '410802003012GB00025', surveyId: 'x', overlapM2: 12.345678 }, zh))
    .toBe('与宗地 410802003012GB00025 重叠 12.35 ㎡；共用的界址请采用该宗地的坐标。');
});

it('writes a suggestion it has no sentence for as names and rounded values, never as JSON', () => {
  const text = suggestionText('SOMETHING_NEW', { offsetM: 0.30000000000000004, nested: { a: 1.23456789 } }, english);
  expect(text).toBe('offsetM 0.3, nested a 1.235');
});

it('says nothing where the finding offers no suggestion', () => {
  expect(suggestionText('RING_NOT_CLOSED', undefined, zh)).toBe('');
});
