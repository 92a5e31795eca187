// 宗地代码 (19 chars) and 不动产单元号 (28 chars) of GB/T 37346-2019: parsing that returns every problem as a value.
import { County, findCounty } from './counties';

/** char 13, 土地所有权: G 国有, J 集体, Z 未确定/争议. */
export type Ownership = 'G' | 'J' | 'Z';
/** char 14, 宗地权利类型. */
export type RightType = 'A' | 'B' | 'S' | 'X' | 'C' | 'D' | 'E' | 'F' | 'H' | 'G' | 'W' | 'Y';
/** char 20, 定着物类型: F 房屋等建筑物/构筑物, L 林木, Q 其他, W 无定着物. */
export type AttachmentType = 'F' | 'L' | 'Q' | 'W';

/** Chinese names of the ownership letters (char 13). */
export const OWNERSHIP_NAMES: Readonly<Record<Ownership, string>> = { G: '国有', J: '集体', Z: '未确定/争议' };

/** Chinese names of the right-type letters (char 14). */
export const RIGHT_TYPE_NAMES: Readonly<Record<RightType, string>> = {
  A: '集体土地所有权', B: '建设用地使用权（地表）', S: '建设用地使用权（地上）', X: '建设用地使用权（地下）',
  C: '宅基地使用权', D: '土地承包经营权（耕地）', E: '林地使用权', F: '草地使用权', H: '海域使用权',
  G: '无居民海岛使用权', W: '使用权未确定或有争议', Y: '其他使用权',
};

/** Chinese names of the attachment letters (char 20). */
export const ATTACHMENT_TYPE_NAMES: Readonly<Record<AttachmentType, string>> = {
  F: '房屋等建筑物、构筑物', L: '林木', Q: '其他', W: '无定着物',
};

/** Which ownership letters (char 13) each right-type letter (char 14) may follow. */
export type RightTypeOwnerships = Readonly<Record<RightType, readonly Ownership[]>>;

const ANY: readonly Ownership[] = ['G', 'J', 'Z'];
/**
 * Default combination table. A (集体土地所有权) and C (宅基地) only with J is GB/T 37346 (DOMAIN.md §3);
 * every other row allowing G, J and Z is [unconfirmed]: pass `rightTypeOwnerships` to tighten it.
 */
export const DEFAULT_RIGHT_TYPE_OWNERSHIPS: RightTypeOwnerships = {
  A: ['J'], C: ['J'], B: ANY, S: ANY, X: ANY, D: ANY, E: ANY, F: ANY, H: ANY, G: ANY, W: ANY, Y: ANY,
};

/** Configuration of the parsers; every field has a default. */
export interface ParseOptions {
  rightTypeOwnerships?: RightTypeOwnerships;
}

/** One thing wrong with a code, naming the part (e.g. "宗地特征码") and its 1-based char range (e.g. "13–14"). */
export interface CodeProblem {
  part: string;
  chars: string;
  message: string;
  messageZh: string;
}

/** Result of a parse: the parts, or every problem found. */
export type CodeResult<T> = { ok: true; value: T } | { ok: false; problems: CodeProblem[] };

/** A valid 19-char 宗地代码, split into its parts (all kept as strings, leading zeros intact). */
export interface ParcelCode {
  code: string;
  /** chars 1–6, GB/T 2260. */
  countyCode: string;
  county: County;
  /** chars 7–9, 地籍区. */
  cadastralDistrict: string;
  /** chars 10–12, 地籍子区. */
  cadastralSubdistrict: string;
  ownership: Ownership;
  ownershipName: string;
  rightType: RightType;
  rightTypeName: string;
  /** chars 13–14, 宗地特征码 (ownership + right type). */
  featureCode: string;
  /** chars 15–19, 宗地顺序号. */
  sequence: string;
}

/** A valid 28-char 不动产单元号: the 宗地代码 plus the 9-char 定着物单元代码. */
export interface UnitCode {
  code: string;
  parcel: ParcelCode;
  attachmentType: AttachmentType;
  attachmentTypeName: string;
  /** chars 21–28, 定着物单元编号. */
  attachmentNumber: string;
  /** chars 21–24, 自然幢号, only for F. */
  building?: string;
  /** chars 25–28, 户号, only for F. */
  unit?: string;
}

interface Part { name: string; from: number; to: number }
const PARTS = {
  county: { name: '行政区划代码', from: 1, to: 6 },
  district: { name: '地籍区', from: 7, to: 9 },
  subdistrict: { name: '地籍子区', from: 10, to: 12 },
  feature: { name: '宗地特征码', from: 13, to: 14 },
  sequence: { name: '宗地顺序号', from: 15, to: 19 },
  attachmentType: { name: '定着物特征码', from: 20, to: 20 },
  attachmentNumber: { name: '定着物单元编号', from: 21, to: 28 },
  building: { name: '自然幢号', from: 21, to: 24 },
  unit: { name: '户号', from: 25, to: 28 },
} satisfies Record<string, Part>;

const OWNERSHIPS: readonly Ownership[] = ['G', 'J', 'Z'];
const RIGHT_TYPES: readonly RightType[] = ['A', 'B', 'S', 'X', 'C', 'D', 'E', 'F', 'H', 'G', 'W', 'Y'];
const ATTACHMENT_TYPES: readonly AttachmentType[] = ['F', 'L', 'Q', 'W'];

const slice = (code: string, p: Part): string => code.slice(p.from - 1, p.to);
const range = (p: Part): string => (p.from === p.to ? `${p.from}` : `${p.from}–${p.to}`);
const isOneOf = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

function problem(p: Part, code: string, en: string, zh: string): CodeProblem {
  const value = slice(code, p);
  const chars = range(p);
  return {
    part: p.name,
    chars,
    message: `${p.name} (${p.from === p.to ? 'char' : 'chars'} ${chars}) is '${value}': ${en}`,
    messageZh: `${p.name}（第${chars}位）为“${value}”：${zh}`,
  };
}

function lengthProblem(name: string, code: string, expected: number, hint = ''): CodeProblem {
  return {
    part: name,
    chars: `1–${expected}`,
    message: `${name} has ${code.length} characters: it must have exactly ${expected}${hint && `; ${hint}`}`,
    messageZh: `${name}共${code.length}位：必须正好${expected}位`,
  };
}

/** Digits only, of the part's width; with `notZero`, all zeros is refused (numbering starts at 0…01). */
function checkDigits(p: Part, code: string, notZero: boolean): CodeProblem[] {
  const n = p.to - p.from + 1;
  const value = slice(code, p);
  if (!new RegExp(`^[0-9]{${n}}$`).test(value)) return [problem(p, code, `must be ${n} digits`, `必须是${n}位数字`)];
  const zeros = '0'.repeat(n);
  const first = `${'0'.repeat(n - 1)}1`;
  if (notZero && value === zeros) {
    return [problem(p, code, `must not be ${zeros}: numbering starts at ${first}`, `不能为${zeros}，编号从${first}开始`)];
  }
  return [];
}

/** One letter against its allowed list; a lower-case letter is reported, never upper-cased. */
function checkLetter(p: Part, code: string, ch: string, allowed: readonly string[], which: [string, string]): CodeProblem[] {
  const [en, zh] = which;
  if (allowed.includes(ch)) return [];
  if (allowed.includes(ch.toUpperCase())) {
    return [problem(p, code, `${en} must be upper case: '${ch.toUpperCase()}', not '${ch}'`, `${zh}必须大写：应为“${ch.toUpperCase()}”，不是“${ch}”`)];
  }
  const list = allowed.join(' ');
  return [problem(p, code, `${en} must be one of ${list}`, `${zh}必须是 ${list} 之一`)];
}

function checkFeature(code: string, table: RightTypeOwnerships): CodeProblem[] {
  const p = PARTS.feature;
  const [own, right] = [code.charAt(12), code.charAt(13)];
  const problems = [
    ...checkLetter(p, code, own, OWNERSHIPS, ['the first letter', '第一位字母']),
    ...checkLetter(p, code, right, RIGHT_TYPES, ['the second letter', '第二位字母']),
  ];
  if (problems.length === 0 && isOneOf(OWNERSHIPS, own) && isOneOf(RIGHT_TYPES, right)) {
    const allowed = table[right];
    if (!allowed.includes(own)) {
      const names = allowed.map((o) => `${o} (${OWNERSHIP_NAMES[o]})`).join(' or ');
      const namesZh = allowed.map((o) => `${o}（${OWNERSHIP_NAMES[o]}）`).join('或');
      problems.push(problem(p, code,
        `right type ${right} (${RIGHT_TYPE_NAMES[right]}) is only allowed with ownership ${names}, not ${own} (${OWNERSHIP_NAMES[own]})`,
        `权利类型 ${right}（${RIGHT_TYPE_NAMES[right]}）只能与所有权类型 ${namesZh}组合，不能与 ${own}（${OWNERSHIP_NAMES[own]}）组合`));
    }
  }
  return problems;
}

/** Checks chars 1–19 (a 宗地代码 or the head of a 不动产单元号); length is checked by the caller. */
function checkParcelParts(code: string, options: ParseOptions): CodeProblem[] {
  const countyCode = slice(code, PARTS.county);
  const countyProblems = checkDigits(PARTS.county, code, false);
  if (countyProblems.length === 0 && !findCounty(countyCode)) {
    countyProblems.push(problem(PARTS.county, code, 'not a county-level code in GB/T 2260', '不是 GB/T 2260 中的县级行政区划代码'));
  }
  return [
    ...countyProblems,
    ...checkDigits(PARTS.district, code, true),
    ...checkDigits(PARTS.subdistrict, code, true),
    ...checkFeature(code, options.rightTypeOwnerships ?? DEFAULT_RIGHT_TYPE_OWNERSHIPS),
    ...checkDigits(PARTS.sequence, code, true),
  ];
}

/** Builds the value once checkParcelParts found nothing wrong. */
function toParcel(code: string): ParcelCode {
  const ownership = code.charAt(12) as Ownership;
  const rightType = code.charAt(13) as RightType;
  const countyCode = slice(code, PARTS.county);
  return {
    code, countyCode, county: findCounty(countyCode) as County,
    cadastralDistrict: slice(code, PARTS.district), cadastralSubdistrict: slice(code, PARTS.subdistrict),
    ownership, ownershipName: OWNERSHIP_NAMES[ownership], rightType, rightTypeName: RIGHT_TYPE_NAMES[rightType],
    featureCode: slice(code, PARTS.feature), sequence: slice(code, PARTS.sequence),
  };
}

/**
 * Chars 21–28 by attachment type. F: 自然幢号 and 户号 each 0001–9999 (0000 refused: both are
 * sequence numbers starting at 0001). W: exactly 00000000. L and Q: 8 digits, not 00000000
 * (a sequence number; [unconfirmed] detail of GB/T 37346). Unknown type: 8 digits only.
 */
function checkAttachment(code: string, type: string): CodeProblem[] {
  if (type === 'F') return [...checkDigits(PARTS.building, code, true), ...checkDigits(PARTS.unit, code, true)];
  const p = PARTS.attachmentNumber;
  if (type === 'W' && slice(code, p) !== '00000000') {
    return [problem(p, code, 'must be 00000000 for a land-only unit (W)', '无定着物（W）的单元编号必须为00000000')];
  }
  return type === 'W' ? [] : checkDigits(p, code, type === 'L' || type === 'Q');
}

/** Trims surrounding whitespace from user input; never changes case (lower-case letters are reported). */
export function normalizeCode(s: string): string {
  return s.trim();
}

/**
 * Parses a 19-char 宗地代码. Returns its parts, or every problem found, each naming the part and
 * its chars. A wrong length is reported alone, since the part positions cannot be trusted then.
 * Call `normalizeCode` first on user input.
 */
export function parseParcelCode(code: string, options: ParseOptions = {}): CodeResult<ParcelCode> {
  if (code.length !== 19) return { ok: false, problems: [lengthProblem('宗地代码', code, 19)] };
  const problems = checkParcelParts(code, options);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: toParcel(code) };
}

/**
 * Parses a 28-char 不动产单元号 (宗地代码 + 定着物单元代码). Returns its parts, or every problem found
 * in both halves. A wrong length is reported alone.
 */
export function parseUnitCode(code: string, options: ParseOptions = {}): CodeResult<UnitCode> {
  if (code.length !== 28) {
    const hint = code.length === 19 ? 'this looks like a 宗地代码 without its 9-char 定着物单元代码' : '';
    return { ok: false, problems: [lengthProblem('不动产单元号', code, 28, hint)] };
  }
  const type = code.charAt(19);
  const problems = [
    ...checkParcelParts(code, options),
    ...checkLetter(PARTS.attachmentType, code, type, ATTACHMENT_TYPES, ['the letter', '该字母']),
    ...checkAttachment(code, type),
  ];
  if (problems.length > 0 || !isOneOf(ATTACHMENT_TYPES, type)) return { ok: false, problems };
  const attachmentNumber = slice(code, PARTS.attachmentNumber);
  const value: UnitCode = {
    code, parcel: toParcel(code.slice(0, 19)), attachmentType: type,
    attachmentTypeName: ATTACHMENT_TYPE_NAMES[type], attachmentNumber,
  };
  if (type === 'F') Object.assign(value, { building: slice(code, PARTS.building), unit: slice(code, PARTS.unit) });
  return { ok: true, value };
}

/** True when both codes are valid and the unit's first 19 chars are exactly that 宗地代码. */
export function unitCodeBelongsTo(unitCode: string, parcelCode: string, options: ParseOptions = {}): boolean {
  const unit = parseUnitCode(unitCode, options);
  const parcel = parseParcelCode(parcelCode, options);
  return unit.ok && parcel.ok && unit.value.parcel.code === parcel.value.code;
}
