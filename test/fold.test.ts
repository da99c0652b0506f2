import { Converter as FromSimplified } from 'opencc-js/cn2t';
import { Converter as FromTraditional } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { conversionTable } from '../scripts/gen-fold-map.ts';
import { TO_SIMPLIFIED, TO_TRADITIONAL } from '../src/text/fold-map.ts';
import { fold, simplified, traditional } from '../src/text/fold.ts';

describe('script folding', () => {
  it('uses OpenCC’s own character tables (regenerate with npm run gen:fold-map)', () => {
    expect(TO_SIMPLIFIED).toBe(conversionTable(FromTraditional({ from: 'hk', to: 'cn' })));
    expect(TO_TRADITIONAL).toBe(conversionTable(FromSimplified({ from: 'cn', to: 'hk' })));
  });

  it('folds Traditional, Hong Kong variants, Simplified, width and case to one form of equal length', () => {
    for (const [a, b] of [
      ['數據跨境流動', '数据跨境流动'],
      ['說', '説'],
      ['梁振英', '梁振英'],
      ['ＡＩ治理', 'ai治理'],
      ['陳茂波', '陈茂波'],
    ] as const) {
      expect(fold(a)).toBe(fold(b));
      expect(fold(a).length).toBe(a.length);
    }
    const page = '香港文匯報訊（記者 馬翠媚）「推動數據要素流通」😀';
    expect(fold(page).length).toBe(page.length);
  });

  it('spells names in the other script', () => {
    expect(simplified('陳茂波')).toBe('陈茂波');
    expect(traditional('陈茂波')).toBe('陳茂波');
  });
});
