/**
 * Synthetic corpora for the benchmark, grown from the real article: pages in the same style
 * (headline, byline, speakers introduced with a role, 他 clauses, captions, a table of trends)
 * whose sentences are recombined from the real ones, with figures shifted and new people named.
 * Deterministic for a given seed, so two runs measure the same text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestArticle } from '../src/ingest/article.ts';
import { DEFAULT_CORPUS } from '../src/paths.ts';

const SURNAMES = '陳李張黃何林梁吳王劉楊鄭謝郭曾蔡周徐許蕭馮羅葉朱潘胡鄧余盧袁蘇麥彭高馬孫趙莫方譚';
const GIVEN = '志明偉強家豪嘉欣詠詩俊傑文軒子健美玲德華國榮浩然思敏振邦立信慧敏少芬錦輝卓賢';
const ROLES = [
  '特區政府財政司司長',
  '數字經濟研究中心首席顧問',
  '香港交易所首席科技總監',
  '大灣區國際信息科技協會會長',
  '特區政府數字政策辦公室數字政策專員',
  '中央政府駐港聯絡辦副主任',
  '香港科技大學教授',
  '數碼港行政總裁',
  '金融管理局副總裁',
  '創新科技及工業局局長',
  '香港數據協會主席',
  '大數據治理公會創會主席',
];
const CUES = ['表示', '指出', '認為', '強調', '提到', '相信'];
const FOLLOW = ['他又指', '他續指', '他認為', '他提醒', '她表示', '她指出'];

/** A small deterministic random generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Material {
  clauses: string[];
  headlines: string[];
  items: string[];
}

/** Clauses of the real article's body sentences, without their speaker introductions. */
export function material(): Material {
  const text = readFileSync(join(DEFAULT_CORPUS, '000_f273cfefe06868c5.txt'), 'utf8');
  const article = ingestArticle(text, { id: 'seed', title: '', source: '', date: null, language: 'zh-Hant', file: 'seed' });
  const clauses = new Set<string>();
  for (const p of article.passages) {
    if (p.kind !== 'body') continue;
    const parts = p.text.replace(/[。！？]$/u, '').split('，');
    // Drop a leading "X表示" part: the synthetic speaker will be introduced instead.
    for (const part of parts.slice(p.attribution ? 1 : 0)) if (part.length >= 6 && !/[他她]/u.test(part)) clauses.add(part);
  }
  return {
    clauses: [...clauses],
    headlines: article.passages.filter((p) => p.kind === 'headline' || p.kind === 'subhead').map((p) => p.text.replace(/^.{1,6}：/u, '')),
    items: article.passages.filter((p) => p.kind === 'list-item').map((p) => p.text),
  };
}

function shiftFigures(text: string, next: () => number): string {
  return text.replace(/\d[\d,]*(?:\.\d+)?/g, (n) => {
    if (/^(19|20)\d\d$/.test(n)) return String(2020 + Math.floor(next() * 10));
    const value = Number(n.replace(/,/g, '')) * (0.5 + next());
    return n.includes('.') ? value.toFixed(1) : Math.max(1, Math.round(value)).toLocaleString('en-US');
  });
}

/** One synthetic page of about `passages` passages. */
export function page(m: Material, next: () => number, passages: number, index: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const name = () => pick([...SURNAMES]) + pick([...GIVEN]) + pick([...GIVEN]);
  const sentence = (count: number) => Array.from({ length: count }, () => shiftFigures(pick(m.clauses), next)).join('，');
  const lines: string[] = [];
  lines.push(`${name()}：${pick(m.headlines)}`);
  let written = 1;
  lines.push(`香港文匯報訊（記者 ${name()}）${sentence(2)}。${pick(ROLES)}${name()}昨${pick(CUES)}，${sentence(3)}。`);
  written += 2;
  let story = 0;
  while (written < passages) {
    if (next() < 0.12) {
      lines.push(`${pick(m.headlines)} ${index}-${story++}`);
      written++;
    }
    const speaker = name();
    lines.push(`${pick(ROLES)}${speaker}${pick(CUES)}，${sentence(2 + Math.floor(next() * 3))}。${sentence(2)}。`);
    lines.push(`${pick(FOLLOW)}，${sentence(2 + Math.floor(next() * 2))}。`);
    written += 3;
    if (next() < 0.15) {
      lines.push(`●${speaker}表示，${sentence(1)}。香港文匯報記者${name()}攝`);
      written++;
    }
    if (next() < 0.05 && written + 6 < passages) {
      lines.push(`${pick(ROLES)}${name()}展望${2025 + (index % 5)}年十大趨勢（見表），${sentence(2)}。`);
      lines.push(`${2025 + (index % 5)}年數字經濟展望 ${index}`);
      for (let i = 0; i < 5; i++) lines.push(`- ${shiftFigures(pick(m.items), next)}`);
      written += 7;
    }
  }
  return `${lines.join('\n\n')}\n`;
}

/** Writes a corpus of about `total` passages into `dir`, pages of about 80 passages. */
export function writeCorpus(dir: string, total: number, seed = 1): { pages: number } {
  mkdirSync(dir, { recursive: true });
  const m = material();
  const next = random(seed);
  const perPage = Math.min(80, total);
  const pages = Math.max(1, Math.round(total / perPage));
  for (let i = 0; i < pages; i++) {
    const id = `synthetic-${String(i).padStart(5, '0')}`;
    writeFileSync(join(dir, `${id}.txt`), page(m, next, perPage, i));
    writeFileSync(join(dir, `${id}.json`), JSON.stringify({ id, title: `Synthetic page ${i}`, source: '香港文匯報', date: '2025-01-17', language: 'zh-Hant' }));
  }
  writeFileSync(join(dir, 'aliases.json'), readFileSync(join(DEFAULT_CORPUS, 'aliases.json')));
  return { pages };
}
