/**
 * English <-> Chinese equivalents of the summit's topic words, so an English question finds
 * Chinese passages and a Chinese one finds English passages. Topic words only: people are found
 * through the aliases file, never through this table.
 */
import { fold } from '../text/fold.ts';
import { baseForms } from './lexicon.ts';

const ENTRIES: [english: string, chinese: string[]][] = [
  ['data', ['數據', '資料']],
  ['privacy', ['隱私']],
  ['quantum', ['量子']],
  ['ai', ['人工智能', 'AI']],
  ['artificial intelligence', ['人工智能']],
  ['cross-border', ['跨境']],
  ['cross border', ['跨境']],
  ['alliance', ['聯盟']],
  ['digital economy', ['數字經濟']],
  ['digital', ['數字', '數碼', '數位']],
  ['economy', ['經濟']],
  ['economic', ['經濟']],
  ['trend', ['趨勢', '展望']],
  ['outlook', ['展望']],
  ['forecast', ['預計', '展望']],
  ['security', ['安全']],
  ['safety', ['安全']],
  ['governance', ['治理']],
  ['regulation', ['監管']],
  ['legislation', ['立法']],
  ['law', ['立法', '法']],
  ['innovation', ['創新', '創科']],
  ['technology', ['技術', '科技']],
  ['tech', ['科技']],
  ['talent', ['人才']],
  ['infrastructure', ['基建', '基礎設施']],
  ['robot', ['機器人']],
  ['robotics', ['機器人']],
  ['embodied intelligence', ['具身智能']],
  ['market', ['市場']],
  ['china', ['中國', '國家']],
  ['united states', ['美國']],
  ['decoupling', ['脫鉤']],
  ['globalization', ['全球化']],
  ['globalisation', ['全球化']],
  ['deglobalization', ['逆全球化']],
  ['green', ['綠色']],
  ['energy', ['能源']],
  ['low-altitude', ['低空']],
  ['low altitude', ['低空']],
  ['space', ['空間', '太空']],
  ['blockchain', ['區塊鏈']],
  ['platform', ['平台']],
  ['open data', ['開放數據']],
  ['dataset', ['數據集']],
  ['api', ['API', '接口']],
  ['open', ['開放']],
  ['launch', ['成立', '推出']],
  ['speech', ['致辭', '演講']],
  ['loan', ['貸款']],
  ['credit', ['信貸']],
  ['bank', ['銀行']],
  ['fintech', ['金融科技']],
  ['finance', ['金融']],
  ['financial', ['金融']],
  ['hong kong', ['香港']],
  ['greater bay area', ['大灣區']],
  ['bay area', ['大灣區']],
  ['mainland', ['內地']],
  ['memorandum', ['備忘錄']],
  ['mou', ['備忘錄']],
  ['standard', ['標準']],
  ['cooperation', ['合作']],
  ['collaboration', ['合作']],
  ['trusted', ['可信']],
  ['trust', ['可信', '互信']],
  ['ethics', ['倫理']],
  ['flow', ['流動', '流通']],
  ['sharing', ['共享', '分享']],
  ['summit', ['峰會']],
  ['government', ['政府', '特區政府']],
  ['policy', ['政策']],
  ['supercomputing', ['超算']],
  ['computing', ['計算', '算力']],
  ['chip', ['晶片', '芯片']],
  ['cloud', ['雲計算']],
  ['big data', ['大數據']],
  ['internet', ['互聯網']],
  ['stock exchange', ['交易所']],
  ['hkex', ['港交所', '香港交易所']],
  ['productivity', ['生產力']],
  ['productive forces', ['生產力']],
  ['production factor', ['生產要素']],
  ['value', ['價值']],
  ['transformation', ['轉型']],
  ['upgrade', ['升級']],
  ['research', ['科研', '研究']],
  ['university', ['高校']],
  ['enterprise', ['企業']],
  ['company', ['企業', '公司']],
  ['business', ['企業', '商業']],
  ['startup', ['初創']],
  ['hub', ['樞紐']],
  ['growth', ['增長']],
  ['challenge', ['挑戰']],
  ['opportunity', ['機遇']],
  ['risk', ['風險']],
  ['trade', ['貿易']],
  ['manufacturing', ['製造']],
  ['medicine', ['醫學']],
  ['materials', ['材料']],
  ['cybersecurity', ['網絡安全']],
  ['digital yuan', ['數字人民幣']],
  ['e-cny', ['數字人民幣']],
  ['eu', ['歐盟']],
  ['europe', ['歐盟']],
  ['macau', ['澳門']],
  ['macao', ['澳門']],
  ['ten trends', ['十大']],
  ['top ten', ['十大']],
  ['interoperability', ['互通']],
  ['connectivity', ['互通', '聯通']],
  ['world', ['全球', '世界']],
  ['global', ['全球', '國際']],
  ['international', ['國際']],
  ['international data hub', ['國際數據港']],
  ['measurement', ['測量']],
  // Hong Kong and national bodies and programmes the reports of a data summit name, which no
  // dictionary holds under their English names.
  ['cyberport', ['數碼港']],
  ['science park', ['科學園']],
  ['hkstp', ['科學園']],
  ['monetary authority', ['金管局', '金融管理局']],
  ['hkma', ['金管局', '金融管理局']],
  ['national data administration', ['國家數據局']],
  ['cyberspace administration', ['國家互聯網信息辦公室', '網信辦']],
  ['cac', ['網信辦']],
  ['digital policy office', ['數字政策辦公室']],
  ['itib', ['創新科技及工業局', '創科局']],
  ['trade development council', ['貿發局']],
  ['hktdc', ['貿發局']],
  ['productivity council', ['生產力局']],
  ['northern metropolis', ['北部都會區']],
  ['iam smart', ['智方便']],
  ['commercial data interchange', ['商業數據通']],
  ['cdi', ['商業數據通']],
  ['privacy commissioner', ['私隱專員']],
  ['astri', ['應科院']],
  ['liaison office', ['中聯辦', '聯絡辦']],
];

interface Entry {
  english: string;
  chinese: string[];
}
const entries: Entry[] = ENTRIES.map(([english, chinese]) => ({ english, chinese: chinese.map(fold) }));
/** The entries by their English, hyphens read as spaces, and by each Chinese word: looked up per question. */
const byEnglish = new Map<string, string[]>();
for (const e of entries) for (const key of [e.english, e.english.replace(/-/g, ' ')]) if (!byEnglish.has(key)) byEnglish.set(key, e.chinese);
const byChinese = new Map<string, string[]>();
for (const e of entries) for (const c of e.chinese) byChinese.set(c, [...(byChinese.get(c) ?? []), e.english]);

/** A word as the glossary matches it: its singular. */
export function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * English phrases found in a folded query, longest first, with their Chinese equivalents; the
 * phrases' words are returned so the caller can take them out of the plain terms.
 */
export function englishEquivalents(foldedQuery: string): EnglishPhrase[] {
  const words = foldedQuery.match(/[a-z][a-z0-9-]*/g)?.map(singular) ?? [];
  const find = (phrase: string) => byEnglish.get(phrase);
  // A single word also by its base forms: ethical finds ethics, organised organise.
  return longestPhrases(words, (phrase) => find(phrase) ?? (phrase.includes(' ') ? undefined : baseForms(phrase).map(find).find(Boolean)) ?? []);
}

export interface EnglishPhrase {
  phrase: string;
  words: string[];
  chinese: string[];
}

/**
 * The longest runs of `words` (three, two, one) that `lookup` has Chinese words for, each word in
 * at most one run.
 */
export function longestPhrases(words: string[], lookup: (phrase: string) => string[]): EnglishPhrase[] {
  const found: EnglishPhrase[] = [];
  const used = new Set<number>();
  for (const size of [3, 2, 1]) {
    for (let i = 0; i + size <= words.length; i++) {
      let free = true;
      for (let k = 0; k < size && free; k++) free = !used.has(i + k);
      if (!free) continue;
      const phrase = words.slice(i, i + size).join(' ');
      const chinese = lookup(phrase);
      if (chinese.length === 0) continue;
      for (let k = 0; k < size; k++) used.add(i + k);
      found.push({ phrase, words: phrase.split(' '), chinese });
    }
  }
  return found;
}

/** English words for a Chinese word of the query, to find English passages. */
export function chineseEquivalents(foldedWord: string): string[] {
  return byChinese.get(foldedWord) ?? [];
}
