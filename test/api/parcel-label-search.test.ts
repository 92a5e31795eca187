// The map labels a parcel GB00112 (the end of its 宗地代码): typing that label, or its 5 digits, finds the parcel,
// through an index on the sequence.
import { freshParcelCode, startTestHub, type TestHub } from '../support/test-hub';
import { landSupplySubmission } from '../support/fixtures';
import { parcelLabelQuery } from '../../server/services/parcels.service';
import { sql } from '../../server/db/sql-files';

let hub: TestHub;
let landCode: string;
let aboveCode: string;
beforeAll(async () => {
  hub = await startTestHub();
  landCode = freshParcelCode('GB');
  // the same county, 地籍区/子区 and sequence, another right type (地上 建设用地使用权): the letters tell them apart
  aboveCode = `${landCode.slice(0, 12)}GS${landCode.slice(14)}`;
  for (const code of [landCode, aboveCode]) {
    const res = await hub.request('POST', '/api/surveys', landSupplySubmission(code));
    expect([res.status, res.body.code]).toEqual([201, undefined]);
  }
});
afterAll(() => hub.stop());

const found = async (q: string) => ((await hub.request('GET', `/api/parcels?q=${encodeURIComponent(q)}&limit=1000`)).body.items as Array<{ parcelCode: string }>).map((i) => i.parcelCode);

describe('searching by the map label', () => {
  it('finds the parcel labelled GB + sequence, and not its namesake of another right type', async () => {
    const hits = await found(`GB${landCode.slice(14)}`);
    expect(hits).toContain(landCode);
    expect(hits).not.toContain(aboveCode);
    expect(hits.every((c) => c.slice(12) === `GB${landCode.slice(14)}`)).toBe(true);
  });

  it('finds both by the 5-digit sequence alone, and takes lower-case letters', async () => {
    expect(await found(landCode.slice(14))).toEqual(expect.arrayContaining([landCode, aboveCode]));
    expect(await found(`gs${landCode.slice(14)}`)).toContain(aboveCode);
  });

  it('still finds a parcel by its code prefix and reads other text as before', async () => {
    expect(await found(landCode.slice(0, 12))).toContain(landCode);
    expect(parcelLabelQuery('GB001')).toBeUndefined();
    expect(parcelLabelQuery('解放区')).toBeUndefined();
    expect(parcelLabelQuery('JC00118')).toEqual({ sequence: '00118', letters: 'JC' });
  });

  it('can answer from the sequence index instead of reading every parcel', async () => {
    const client = await hub.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${sql('parcels-by-sequence')}`, ['00112', null, null, null, null, 50, 0, null, null, 'GB']);
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('parcel_sequence_idx');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
