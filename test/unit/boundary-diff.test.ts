// Boundary comparison against the DOMAIN.md §7 sample plot, with displacements and distances worked by hand.
import { compareBoundaries, hausdorffDistance, matchBoundaryPoints, type RingedPoint } from '../../server/domain/boundary-diff';

/** DOMAIN.md §7: 60 m × 40 m outer ring J1–J4 (圈 1), 10 m × 10 m hole J5–J8 (圈 2); X north, Y east. */
const SAMPLE: RingedPoint[] = [
  { pointNo: 'J1', ring: 1, x: 3899300, y: 38430800 },
  { pointNo: 'J2', ring: 1, x: 3899300, y: 38430860 },
  { pointNo: 'J3', ring: 1, x: 3899260, y: 38430860 },
  { pointNo: 'J4', ring: 1, x: 3899260, y: 38430800 },
  { pointNo: 'J5', ring: 2, x: 3899290, y: 38430810 },
  { pointNo: 'J6', ring: 2, x: 3899290, y: 38430820 },
  { pointNo: 'J7', ring: 2, x: 3899280, y: 38430820 },
  { pointNo: 'J8', ring: 2, x: 3899280, y: 38430810 },
];

/** The sample with the named points (all when none are named) moved dN north and dE east, m. */
const moved = (dN: number, dE: number, names?: string[]) =>
  SAMPLE.map((p) => (!names || names.includes(p.pointNo) ? { ...p, x: p.x + dN, y: p.y + dE } : p));

describe('compareBoundaries', () => {
  it('takes a re-survey with every point moved 3 cm at 一级 as the same boundary (R1: reuse)', () => {
    // alternate directions: 3 cm north, then 3 cm east; every displacement is 0.030 m, within ±0.10 m
    const candidate = SAMPLE.map((p, i) => (i % 2 ? { ...p, y: p.y + 0.03 } : { ...p, x: p.x - 0.03 }));
    const c = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 });
    expect(c.sameBoundary).toBe(true);
    expect(c.tolerance).toBe(0.1);
    expect(c.maxDisplacementM).toBeCloseTo(0.03, 6);
    expect(c.moved).toEqual([]);
    expect(c.pairs.map((p) => p.by)).toEqual(Array(8).fill('number'));
    expect(c.acceptedAreaM2).toBe(2300);
    expect(c.reason).toBe('All 8 matched 界址点 lie within the ±0.10 m 允许误差 of 一级 (largest displacement 0.030 m) — the same boundary: reuse the accepted result (R1).');
    expect(c.reasonZh).toContain('界址未变化');
  });

  it('finds every point moved 30 cm beyond 一级 and names each with 0.300 m', () => {
    // 0.18 m north, 0.24 m east: √(0.18² + 0.24²) = 0.30 m
    const c = compareBoundaries({ accepted: SAMPLE, candidate: moved(0.18, 0.24), precisionClass: 1 });
    expect(c.sameBoundary).toBe(false);
    expect(c.moved.map((m) => m.pointNo)).toEqual(['J1', 'J2', 'J3', 'J4', 'J5', 'J6', 'J7', 'J8']);
    for (const m of c.moved) {
      expect(m.displacementM).toBeCloseTo(0.3, 6);
      expect(m.dx).toBeCloseTo(0.18, 6);
      expect(m.dy).toBeCloseTo(0.24, 6);
    }
    expect(c.reason).toMatch(/^J1 moved 0\.300 m, J2 moved 0\.300 m, .* J8 moved 0\.300 m: beyond the ±0\.10 m 允许误差 of 一级 — the boundary changed\.$/);
  });

  it('names only the points that moved: "J3 moved 0.300 m, J4 moved 0.300 m"', () => {
    const c = compareBoundaries({ accepted: SAMPLE, candidate: moved(-0.3, 0, ['J3', 'J4']), precisionClass: 1 });
    expect(c.reason).toBe('J3 moved 0.300 m, J4 moved 0.300 m: beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
    expect(c.reasonZh).toBe('J3 位移 0.300 m，J4 位移 0.300 m，超出一级界址点允许误差 ±0.10 m，界址已变化。');
    expect(c.maxDisplacementM).toBeCloseTo(0.3, 6);
  });

  it('judges one point moved 12 cm as a change at 一级 (±0.10 m) but the same boundary at 二级 (±0.15 m)', () => {
    const candidate = moved(0, 0.12, ['J6']);
    const first = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 });
    expect(first.sameBoundary).toBe(false);
    expect(first.reason).toBe('J6 moved 0.120 m: beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
    const second = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 2 });
    expect(second.sameBoundary).toBe(true);
    expect(second.tolerance).toBe(0.15);
  });

  it('prints a move of 0.1004 m as 0.1004 m, never as 0.100 m against the ±0.10 m 允许误差 of 一级', () => {
    const c = compareBoundaries({ accepted: SAMPLE, candidate: moved(0, 0.1004, ['J6']), precisionClass: 1 });
    expect(c.sameBoundary).toBe(false);
    expect(c.reason).toBe('J6 moved 0.1004 m: beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
    expect(c.reasonZh).toBe('J6 位移 0.1004 m，超出一级界址点允许误差 ±0.10 m，界址已变化。');
  });

  it('keeps the 允许误差 inclusive: exactly 10 cm at 一级 is the same boundary', () => {
    expect(compareBoundaries({ accepted: SAMPLE, candidate: moved(0.1, 0, ['J2']), precisionClass: 1 }).sameBoundary).toBe(true);
  });

  it('matches a renumbered survey (K1…, starting at another corner) by position', () => {
    const order = ['J3', 'J4', 'J1', 'J2', 'J7', 'J8', 'J5', 'J6'];
    const candidate = order.map((no, i) => {
      const p = SAMPLE.find((q) => q.pointNo === no)!;
      return { ...p, pointNo: `K${i + 1}`, x: p.x + 0.02 };
    });
    const c = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 });
    expect(c.sameBoundary).toBe(true);
    expect(c.pairs.map((p) => `${p.accepted.pointNo}=${p.candidate.pointNo}/${p.by}`)).toEqual([
      'J1=K3/position', 'J2=K4/position', 'J3=K1/position', 'J4=K2/position',
      'J5=K7/position', 'J6=K8/position', 'J7=K5/position', 'J8=K6/position',
    ]);
  });

  it('names a renumbered point that moved with both numbers', () => {
    const candidate = SAMPLE.map((p) => ({ ...p, pointNo: p.pointNo.replace('J', 'K'), y: p.pointNo === 'J2' ? p.y + 0.4 : p.y }));
    expect(compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 }).reason).toBe(
      'J2 (now K2) moved 0.400 m: beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.',
    );
  });

  it('takes a point added in the middle of an edge as the same boundary', () => {
    // J9 halfway along J1–J2 (north edge), inserted into ring 1
    const candidate = [SAMPLE[0], { pointNo: 'J9', ring: 1, x: 3899300, y: 38430830 }, ...SAMPLE.slice(1)];
    const c = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 });
    expect(c.sameBoundary).toBe(true);
    expect(c.added).toEqual([]);
    expect(c.candidateAreaM2).toBe(2300);
  });

  it('takes a point added 0.5 m off an edge as a change, naming it', () => {
    const candidate = [SAMPLE[0], { pointNo: 'J9', ring: 1, x: 3899300.5, y: 38430830 }, ...SAMPLE.slice(1)];
    const c = compareBoundaries({ accepted: SAMPLE, candidate, precisionClass: 1 });
    expect(c.sameBoundary).toBe(false);
    expect(c.added.map((p) => p.pointNo)).toEqual(['J9']);
    expect(c.reason).toBe('J9 added 0.500 m off the accepted boundary: beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
  });

  it('takes a removed corner as a change, naming it', () => {
    // without J3 the outer ring runs J2 → J4: J3 lies 60·40/√(60² + 40²) = 33.282 m off that diagonal
    const c = compareBoundaries({ accepted: SAMPLE, candidate: SAMPLE.filter((p) => p.pointNo !== 'J3'), precisionClass: 1 });
    expect(c.sameBoundary).toBe(false);
    expect(c.removed.map((p) => p.pointNo)).toEqual(['J3']);
    expect(c.reason).toBe('J3 removed (33.282 m off the new boundary): beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
    expect(c.reasonZh).toContain('删除 J3');
  });

  it('lets a caller-computed Hausdorff distance beyond the 允许误差 mark a change, and reports the symmetric difference', () => {
    const c = compareBoundaries({ accepted: SAMPLE, candidate: SAMPLE, precisionClass: 1, hausdorffM: 0.25, symmetricDifferenceM2: 3.2 });
    expect(c.sameBoundary).toBe(false);
    expect(c.reason).toBe('the boundaries lie up to 0.250 m apart (Hausdorff): beyond the ±0.10 m 允许误差 of 一级 — the boundary changed.');
    expect(c.symmetricDifferenceM2).toBe(3.2);
  });

  it('reads a TXT-style flat list whose rings repeat their first point', () => {
    const flat = [...SAMPLE.slice(0, 4), SAMPLE[0], ...SAMPLE.slice(4), SAMPLE[4]].map(({ pointNo, x, y }) => ({ pointNo, x, y }));
    const c = compareBoundaries({ accepted: SAMPLE, candidate: flat, precisionClass: 1 });
    expect(c.sameBoundary).toBe(true);
    expect(c.pairs).toHaveLength(8);
    expect(c.candidateAreaM2).toBe(2300);
  });
});

describe('matchBoundaryPoints', () => {
  it('keeps a pair by number however far it moved, and matches by position only within maxDistance', () => {
    const candidate = [
      { pointNo: 'J1', x: 3899308, y: 38430800 }, // 8 m north of J1: still J1
      { pointNo: 'K2', x: 3899300, y: 38430864 }, // 4 m east of J2: within 5 m
      { pointNo: 'K3', x: 3899254, y: 38430860 }, // 6 m south of J3: beyond 5 m
    ];
    const m = matchBoundaryPoints(SAMPLE.slice(0, 3), candidate);
    expect(m.pairs.map((p) => [p.accepted.pointNo, p.candidate.pointNo, p.by, p.displacementM])).toEqual([
      ['J1', 'J1', 'number', 8],
      ['J2', 'K2', 'position', 4],
    ]);
    expect(m.unmatchedAccepted.map((p) => p.pointNo)).toEqual(['J3']);
    expect(m.unmatchedCandidate.map((p) => p.pointNo)).toEqual(['K3']);
    expect(matchBoundaryPoints(SAMPLE.slice(2, 3), candidate.slice(2), { maxDistance: 6 }).pairs).toHaveLength(1);
  });

  it('pairs by position greedily, nearest first, each point once', () => {
    // A1 is 1 m from B1 and 2 m from B2; A2 is 1.5 m from B1 and 3 m from B2: A1–B1 first, then A2–B2
    const a = [{ pointNo: 'A1', x: 0, y: 0 }, { pointNo: 'A2', x: 0, y: 2.5 }];
    const b = [{ pointNo: 'B1', x: 0, y: 1 }, { pointNo: 'B2', x: 0, y: -2 }];
    const m = matchBoundaryPoints(a, b);
    expect(m.pairs.map((p) => `${p.accepted.pointNo}=${p.candidate.pointNo} ${p.displacementM}`)).toEqual(['A1=B1 1', 'A2=B2 4.5']);
  });
});

describe('hausdorffDistance', () => {
  const square = (e: number, n: number, side = 10) => [[[e, n], [e + side, n], [e + side, n + side], [e, n + side], [e, n]]];

  it('gives 0.3 m for two squares offset by 0.3 m', () => {
    expect(hausdorffDistance(square(38430800, 3899260), square(38430800.3, 3899260))).toBeCloseTo(0.3, 6);
  });

  it('gives 0.5 m for an offset of 0.4 m east and 0.3 m north (the corners: √(0.4² + 0.3²))', () => {
    expect(hausdorffDistance(square(38430800, 3899260), square(38430800.4, 3899260.3))).toBeCloseTo(0.5, 6);
  });

  it('gives 1 m for a square with one corner moved 1 m outward along its diagonal', () => {
    // moved corner (10 + √½, 10 + √½) is 1 m from the old corner; the old corner lies only
    // 10·√½ / √((√½)² + (10 + √½)²) = 0.659 m inside the new edges, so the maximum is 1 m
    const d = Math.SQRT1_2;
    const moved = [[[0, 0], [10, 0], [10 + d, 10 + d], [0, 10]]];
    expect(hausdorffDistance(square(0, 0), moved)).toBeCloseTo(1, 6);
  });

  it('finds a maximum that lies between the 0.5 m samples, to 0.1 mm', () => {
    // the edge (0,0)–(10,0) against two single points on it, at 2.3 m and 7.9 m: the edge point farthest from both is
    // halfway, at 5.1 m, (7.9 − 2.3)/2 = 2.8 m from each; the 0.5 m samples at 5.0 and 5.5 m alone would give 2.7 m
    const d = hausdorffDistance([[[0, 0], [10, 0]]], [[[2.3, 0]], [[7.9, 0]]]);
    expect(Math.abs(d - 2.8)).toBeLessThan(1e-4);
  });

  it('treats open and closed rings alike', () => {
    const open = square(0, 0)[0].slice(0, -1);
    expect(hausdorffDistance([open], square(0.3, 0))).toBeCloseTo(0.3, 6);
  });

  it('refuses an empty boundary', () => {
    expect(() => hausdorffDistance([], square(0, 0))).toThrow(RangeError);
  });
});
