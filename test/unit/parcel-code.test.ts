// What a surveyor or registrar sees when entering a 宗地代码 or 不动产单元号.
import counties from '../../server/data/counties.json';
import { findCounty } from '../../server/domain/counties';
import {
  CodeProblem, CodeResult, DEFAULT_RIGHT_TYPE_OWNERSHIPS, normalizeCode, parseParcelCode, parseUnitCode,
  unitCodeBelongsTo,
} from '../../server/domain/parcel-code';

const UNIT_F = '410802003012GB00025F00030001';
const UNIT_W = '410883001004JC00118W00000000';
const PARCEL = '410802003012GB00025';

function problemsOf<T>(result: CodeResult<T>): CodeProblem[] {
  if (result.ok) throw new Error('expected the code to be rejected');
  return result.problems;
}

/** Replaces the 1-based chars from..to of a code. */
function withChars(code: string, from: number, text: string): string {
  return code.slice(0, from - 1) + text + code.slice(from - 1 + text.length);
}

describe('the DOMAIN.md examples', () => {
  it('reads 410802003012GB00025F00030001 as 解放区, 国有 建设用地使用权, 幢 0003 户 0001', () => {
    const result = parseUnitCode(UNIT_F);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { parcel } = result.value;
    expect(parcel).toMatchObject({
      code: PARCEL, countyCode: '410802', cadastralDistrict: '003', cadastralSubdistrict: '012',
      ownership: 'G', ownershipName: '国有', rightType: 'B', featureCode: 'GB', sequence: '00025',
    });
    expect(parcel.county).toEqual({ code: '410802', name: '解放区', city: '焦作市', province: '河南省' });
    expect(parcel.rightTypeName).toContain('建设用地使用权');
    expect(result.value).toMatchObject({ attachmentType: 'F', building: '0003', unit: '0001', attachmentNumber: '00030001' });
  });

  it('reads 410883001004JC00118W00000000 as a land-only 宅基地 unit in 孟州市', () => {
    const result = parseUnitCode(UNIT_W);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.value.parcel.county.name).toBe('孟州市');
    expect(result.value.parcel).toMatchObject({ ownership: 'J', rightType: 'C', rightTypeName: '宅基地使用权', sequence: '00118' });
    expect(result.value).toMatchObject({ attachmentType: 'W', attachmentTypeName: '无定着物' });
    expect(result.value.building).toBeUndefined();
  });

  it('accepts the 19-char 宗地代码 on its own', () => {
    expect(parseParcelCode(PARCEL)).toMatchObject({ ok: true, value: { code: PARCEL } });
  });
});

describe('each part failing on its own names the part and its chars', () => {
  const cases: Array<[string, string, string, string]> = [
    // [description, code, part, expected English message]
    ['a statistics-only county code', withChars(UNIT_F, 1, '410871'), '行政区划代码',
      "行政区划代码 (chars 1–6) is '410871': not a county-level code in GB/T 2260"],
    ['a county code with a letter', withChars(UNIT_F, 1, '41080A'), '行政区划代码',
      "行政区划代码 (chars 1–6) is '41080A': must be 6 digits"],
    ['地籍区 000', withChars(UNIT_F, 7, '000'), '地籍区', "地籍区 (chars 7–9) is '000': must not be 000: numbering starts at 001"],
    ['地籍子区 with a letter', withChars(UNIT_F, 10, '01X'), '地籍子区', "地籍子区 (chars 10–12) is '01X': must be 3 digits"],
    ['an unknown ownership letter', withChars(UNIT_F, 13, 'Q'), '宗地特征码',
      "宗地特征码 (chars 13–14) is 'QB': the first letter must be one of G J Z"],
    ['an unknown right-type letter', withChars(UNIT_F, 13, 'GQ'), '宗地特征码',
      "宗地特征码 (chars 13–14) is 'GQ': the second letter must be one of A B S X C D E F H G W Y"],
    ['宅基地 on state land', withChars(UNIT_F, 13, 'GC'), '宗地特征码',
      "宗地特征码 (chars 13–14) is 'GC': right type C (宅基地使用权) is only allowed with ownership J (集体), not G (国有)"],
    ['collective ownership right on state land', withChars(UNIT_F, 13, 'GA'), '宗地特征码',
      "宗地特征码 (chars 13–14) is 'GA': right type A (集体土地所有权) is only allowed with ownership J (集体), not G (国有)"],
    ['宗地顺序号 00000', withChars(UNIT_F, 15, '00000'), '宗地顺序号',
      "宗地顺序号 (chars 15–19) is '00000': must not be 00000: numbering starts at 00001"],
    ['an unknown attachment letter', withChars(UNIT_F, 20, 'X'), '定着物特征码', "定着物特征码 (char 20) is 'X': the letter must be one of F L Q W"],
    ['自然幢号 0000', withChars(UNIT_F, 21, '0000'), '自然幢号', "自然幢号 (chars 21–24) is '0000': must not be 0000: numbering starts at 0001"],
    ['户号 0000', withChars(UNIT_F, 25, '0000'), '户号', "户号 (chars 25–28) is '0000': must not be 0000: numbering starts at 0001"],
    ['户号 with a letter', withChars(UNIT_F, 25, '00A1'), '户号', "户号 (chars 25–28) is '00A1': must be 4 digits"],
    ['a land-only unit with a number', withChars(UNIT_W, 21, '00000001'), '定着物单元编号',
      "定着物单元编号 (chars 21–28) is '00000001': must be 00000000 for a land-only unit (W)"],
  ];

  it.each(cases)('rejects %s with exactly one problem', (_what, code, part, message) => {
    const problems = problemsOf(parseUnitCode(code));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ part, message });
    expect(problems[0].messageZh).toContain(part);
    expect(problems[0].messageZh).toContain(`第${problems[0].chars}位`);
  });

  it('gives the Chinese message for a wrong right-type letter', () => {
    const [p] = problemsOf(parseParcelCode(withChars(PARCEL, 13, 'GQ')));
    expect(p).toMatchObject({ chars: '13–14', messageZh: '宗地特征码（第13–14位）为“GQ”：第二位字母必须是 A B S X C D E F H G W Y 之一' });
  });

  it('gives the actual length when a 宗地代码 is too short', () => {
    const problems = problemsOf(parseParcelCode(PARCEL.slice(0, 18)));
    expect(problems).toEqual([expect.objectContaining({
      part: '宗地代码', chars: '1–19', message: '宗地代码 has 18 characters: it must have exactly 19',
    })]);
  });

  it('tells a user who typed only the 宗地代码 where a 不动产单元号 was expected', () => {
    const [p] = problemsOf(parseUnitCode(PARCEL));
    expect(p.message).toMatch(/^不动产单元号 has 19 characters: it must have exactly 28; this looks like a 宗地代码/);
  });
});

describe('county codes', () => {
  it('rejects 410871 焦作城乡一体化示范区 as a parcel county', () => {
    expect(problemsOf(parseParcelCode(withChars(PARCEL, 1, '410871')))[0].messageZh)
      .toBe('行政区划代码（第1–6位）为“410871”：不是 GB/T 2260 中的县级行政区划代码');
  });

  it('accepts a real county outside Henan (110105 朝阳区, 北京)', () => {
    const result = parseParcelCode(withChars(PARCEL, 1, '110105'));
    expect(result).toMatchObject({ ok: true, value: { county: { name: '朝阳区', city: '北京市', province: '北京市' } } });
  });

  it('accepts 济源市, a county-level city directly under the province', () => {
    expect(findCounty('419001')).toMatchObject({ name: '济源市', province: '河南省' });
  });

  it('lists the ten 焦作 county codes of DOMAIN.md with their names, and not 410871', () => {
    const jiaozuo: Record<string, string> = {
      410802: '解放区', 410803: '中站区', 410804: '马村区', 410811: '山阳区', 410821: '修武县',
      410822: '博爱县', 410823: '武陟县', 410825: '温县', 410882: '沁阳市', 410883: '孟州市',
    };
    for (const [code, name] of Object.entries(jiaozuo)) {
      expect(findCounty(code)).toEqual({ code, name, city: '焦作市', province: '河南省' });
    }
    expect(counties.filter((c) => c.code.startsWith('4108')).map((c) => c.code).sort()).toEqual(Object.keys(jiaozuo).sort());
    expect(findCounty('410871')).toBeUndefined();
  });

  it('keeps no statistics-only 71–79 code anywhere, and lists each code once in order', () => {
    const codes = counties.map((c) => c.code);
    expect(codes.filter((c) => /^\d{4}7[1-9]$/.test(c))).toEqual([]);
    expect(codes).toEqual([...new Set(codes)].sort());
  });
});

describe('letters and several problems', () => {
  it('rejects lower-case letters instead of silently upper-casing them', () => {
    const problems = problemsOf(parseUnitCode(UNIT_F.replace('GB', 'gb').replace('F0003', 'f0003')));
    expect(problems.map((p) => p.message)).toEqual([
      "宗地特征码 (chars 13–14) is 'gb': the first letter must be upper case: 'G', not 'g'",
      "宗地特征码 (chars 13–14) is 'gb': the second letter must be upper case: 'B', not 'b'",
      "定着物特征码 (char 20) is 'f': the letter must be upper case: 'F', not 'f'",
    ]);
  });

  it('reports every problem of a badly broken code together, in char order', () => {
    const problems = problemsOf(parseUnitCode('410871000012GQ00000F00000001'));
    expect(problems.map((p) => `${p.part} ${p.chars}`)).toEqual([
      '行政区划代码 1–6', '地籍区 7–9', '宗地特征码 13–14', '宗地顺序号 15–19', '自然幢号 21–24',
    ]);
  });

  it('trims surrounding whitespace with normalizeCode but keeps case', () => {
    expect(normalizeCode('  410802003012gb00025 \n')).toBe('410802003012gb00025');
  });

  it('lets a stricter combination table refuse a pairing the default allows', () => {
    const strict = { ...DEFAULT_RIGHT_TYPE_OWNERSHIPS, W: ['Z'] as const };
    expect(parseParcelCode(withChars(PARCEL, 13, 'GW')).ok).toBe(true);
    expect(problemsOf(parseParcelCode(withChars(PARCEL, 13, 'GW'), { rightTypeOwnerships: strict }))[0].message)
      .toContain('right type W (使用权未确定或有争议) is only allowed with ownership Z (未确定/争议), not G (国有)');
  });
});

describe('unitCodeBelongsTo', () => {
  it('says a unit belongs to the parcel its first 19 chars name', () => {
    expect(unitCodeBelongsTo(UNIT_F, PARCEL)).toBe(true);
  });

  it('says a unit of another parcel does not belong', () => {
    expect(unitCodeBelongsTo(UNIT_W, PARCEL)).toBe(false);
    expect(unitCodeBelongsTo(withChars(UNIT_F, 19, '6'), PARCEL)).toBe(false);
  });

  it('says nothing belongs when either code is invalid', () => {
    expect(unitCodeBelongsTo(withChars(UNIT_F, 25, '0000'), PARCEL)).toBe(false);
    expect(unitCodeBelongsTo(UNIT_F, PARCEL.toLowerCase())).toBe(false);
  });
});
