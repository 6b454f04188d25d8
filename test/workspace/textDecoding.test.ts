import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText } from '../../workspace/files/textDecoding';

/** What the reader must produce: the UTF-8 decoder's string of the whole, minus a leading BOM. */
const reference = (bytes: Buffer) => {
  const utf8 = bytes.toString('utf8');
  return utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8;
};

const show = (bytes: Buffer) => bytes.toString('hex');

describe('textDecoding: decodeText', () => {
  it('decodes ASCII, UTF-8 and invalid UTF-8 as the UTF-8 decoder does, without a BOM', () => {
    const cases = [
      Buffer.from('plain ascii\n\tand control \x01 characters\x7f'),
      Buffer.from('naïve café, 日本語, 🔑\n'),
      Buffer.from('\ufeffwith a BOM\n'),
      Buffer.from('\ufeff'),
      Buffer.from([0xef, 0xbb]), // a cut BOM
      Buffer.from([0x61, 0xe9, 0x62, 0xff, 0xfe]), // Latin-1 bytes: not UTF-8
      Buffer.alloc(0),
    ];
    for (const bytes of cases) {
      assert.equal(decodeText(bytes), reference(bytes), show(bytes));
      // The same through the block-wise path, with blocks of every small size.
      for (let block = 1; block <= 5; block++) assert.equal(decodeText(bytes, block, 0), reference(bytes), `${show(bytes)} /${block}`);
    }
    assert.equal(decodeText(Buffer.from('\ufeffkey')), 'key');
  });

  // Bytes built from pieces that make block cuts interesting: ASCII runs, whole characters of
  // every UTF-8 length, cut and stray sequences, bytes that are never UTF-8, a BOM.
  const piece = fc.oneof(
    fc.uint8Array({ max: 0x7f, maxLength: 12 }).map((b) => Buffer.from(b)),
    fc.constantFrom('é', 'ß', '€', '設', '☕', '🔑', '\u2028', '\ufeff', '\uffff').map((s) => Buffer.from(s)),
    fc
      .constantFrom([0xe2, 0x82], [0xf0, 0x9f, 0x94], [0x80], [0xbf, 0xbf], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8], [0xff, 0xfe])
      .map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
  );
  const bytes = fc
    .tuple(fc.boolean(), fc.array(piece, { maxLength: 24 }))
    .map(([bom, pieces]) => Buffer.concat([...(bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : []), ...pieces]));

  it('block by block, equals the UTF-8 decoder of the whole minus a BOM, for any bytes and block size', () => {
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 9 }), (input, block) => {
        assert.equal(decodeText(input, block, 0), reference(input), `${show(input)} /${block}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('with its own block size: a large mostly-ASCII file with characters across block cuts, and a mostly non-ASCII one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: 200 * 1024 }), fc.constantFrom('é', '€', '🔑', '設')), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 64 * 1024, max: 200 * 1024 }),
        (inserts, size) => {
          const ascii = Buffer.alloc(size, 'a');
          // Cuts at every 4 KiB boundary too: the character then straddles it.
          const at = inserts.map(([offset, char], i) => [i % 2 ? offset : Math.max(0, (offset & ~4095) - 1), char] as const);
          const pieces: Buffer[] = [];
          let from = 0;
          for (const [offset, char] of [...at].sort((a, b) => a[0] - b[0])) {
            const cut = Math.min(offset, size);
            pieces.push(ascii.subarray(from, cut), Buffer.from(char));
            from = cut;
          }
          pieces.push(ascii.subarray(from));
          const input = Buffer.concat(pieces);
          assert.equal(decodeText(input), reference(input));
        },
      ),
      { numRuns: 60 },
    );
    const cjk = Buffer.from('設定'.repeat(40 * 1024) + 'key=value\n');
    assert.equal(decodeText(cjk), reference(cjk));
  });
});
