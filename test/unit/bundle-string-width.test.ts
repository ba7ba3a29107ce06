// The bundle's string-width (scripts/bundle/string-width.mjs, an ASCII fast path for yargs' help
// layout) must measure exactly what the real package measures.
import realStringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import stringWidth from '../../scripts/bundle/string-width.mjs';

describe('bundled string-width', () => {
  it('equals the real string-width on ASCII, ANSI colours, CJK, emoji and combining marks', () => {
    const samples = ['', 'a', '--wallet <path>', ' '.repeat(40), '\u001b[31mred\u001b[39m', '\t', '日本語', 'ü', 'u\u0308', '😀', '👩‍👩‍👧', 'a\u0000b', '\u007f'];
    for (let c = 0x20; c < 0x7f; c++) samples.push(String.fromCharCode(c).repeat(3));
    for (const s of samples) {
      expect(stringWidth(s), JSON.stringify(s)).toBe(realStringWidth(s));
      expect(stringWidth(s, { ambiguousIsNarrow: false }), JSON.stringify(s)).toBe(realStringWidth(s, { ambiguousIsNarrow: false }));
    }
  });
});
