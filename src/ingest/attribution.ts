/**
 * Who said each sentence. No list of speakers: people are discovered from the text.
 *
 * Chinese (matched on folded text, so Traditional and Simplified follow the same rules):
 * - a title and a name before a speech cue: 全國政協副主席、…協會主席梁振英出席峰會致辭時表示;
 * - a name already known, or a surname and one or two characters opening the clause, before a
 *   cue: 梁振英指出, 陳茂波又指, “…”梁振英说;
 * - 他/她 opening a sentence: the person last speaking in the story;
 * - a headline `NAME：…`.
 * English: "…," she said / X said / said X / X, ROLE, said / according to X.
 *
 * A cue must follow the name directly, or after a time word and an occasion phrase ending in 時
 * (昨在峰會發言時展望), so cue characters inside ordinary words (材料, 指標) never attribute.
 */
import { fold } from '../text/fold.ts';

const foldAll = (words: string[]) => [...new Set(words.map(fold))].sort((a, b) => b.length - a.length);
const alternation = (words: string[]) => foldAll(words).map(escape).join('|');
function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Speech cues; longer ones are tried first. 指/料/說/稱 are guarded against the words they start.
const CUES = alternation([
  '表示', '指出', '認為', '提醒', '強調', '提到', '提及', '相信', '透露', '補充', '預計', '預料', '預期',
  '估計', '展望', '坦言', '直言', '重申', '解釋', '呼籲', '建議', '形容', '談到', '談及', '寫道', '回應',
  '承認', '警告', '總結', '分享', '憶述', '笑言', '深信', '堅信', '宣布', '宣佈', '表明', '希望', '期望',
  '提出', '介紹', '直指', '說', '指', '料', '稱',
]);
const CUE_GUARD = `(?!${alternation(['數', '標', '導', '引', '南', '定', '派', '令', '理', '明書', '為', '號', '讚', '作', '法', '話', '服'])})`;
const ADVERBS = alternation(['又', '亦', '還', '續', '也', '更', '則', '再', '並', '便', '就', '曾', '已', '同時', '進一步', '最後', '隨後', '特別', '另']);
const ADVERB_CHAR = new RegExp(`[${['亦', '又', '也', '還', '則', '更', '再', '並', '曾', '已', '續'].map(fold).join('')}]`, 'u');
const TIME_WORDS = alternation(['昨日', '昨天', '昨', '今日', '今天', '今', '日前', '早前', '近日', '前日', '本週', '上週', '週一', '週二', '週三', '週四', '週五', '週六', '週日']);
const TITLES = alternation([
  '主席', '副主席', '創會主席', '名譽主席', '聯席主席', '會長', '副會長', '司長', '局長', '副局長', '處長', '署長',
  '主任', '副主任', '專員', '總監', '顧問', '總裁', '行政總裁', '副總裁', '董事長', '董事', '總經理', '經理',
  '教授', '院長', '校長', '秘書長', '議員', '部長', '行長', '主管', '創辦人', '創始人', '合夥人', '研究員',
  '分析師', '經濟學家', '經濟師', '律師', '醫生', '博士', '委員', '大使', '理事長', '總幹事', '執行官',
  '負責人', '發言人', '總編輯', '主編', '市長', '省長', '書記', '官員', '專家', '學者', '法官', '特首',
  '行政長官', '總理', '總統', '所長', '社長', '會計師', '工程師', '科學家', '代表', '總代表', '首席',
  'CEO', 'CTO', 'CFO', 'COO', '先生', '女士', '小姐',
]);
// Common surnames of Hong Kong, Macao, the Mainland and Taiwan (compound ones first).
const SURNAMES = alternation([
  '歐陽', '司徒', '上官', '諸葛', '司馬', '夏侯', '皇甫', '尉遲', '公孫', '慕容', '東方', '令狐',
  ...'陳李張黃何林梁吳王劉楊鄭謝郭曾蔡周徐許蕭馮羅葉朱潘胡鄧余盧袁蘇麥彭高馬孫趙莫方譚鍾鄺廖程唐施姚崔范湯丁韓董江洪沈龍傅杜蔣魏呂侯雷石賴邱嚴冼戴顏孔溫關區岑甘古邵阮容伍尹萬翁賀陸毛姜熊金田卓夏邢薛任秦史龐柯紀鮑殷聶童鄒牛易霍祝闕饒駱戚簡連巫梅凌白喬褚左衛聞單段宋閻俞苗齊武文祁尤蒲喻符辛郝汪樊裴邵尚屈舒焦魯藍覃韋莊鄔勞'.split(''),
]);
const HAN = '\\p{Script=Han}';
const NAME_HAN = `(?:${SURNAMES})${HAN}{1,2}`;
// An occasion between the name and the cue: 出席峰會致辭時, 在致辭中, 在會上, 在演講後.
const OCCASION = `(?:[在于於]?[^，。；、,;]{0,40}?(?:时|期间)|[在于於][^，。；、,;]{1,30}?(?:中|上|后))`;
const TAIL = new RegExp(`^(?:${TIME_WORDS})?(?:${ADVERBS})*(?:${OCCASION})?(?:${ADVERBS})*(${CUES})${CUE_GUARD}`, 'u');
// A title, perhaps a space (財政司司長 陳茂波), then a name.
const TITLED_NAME = new RegExp(`(${TITLES})\\s?(${NAME_HAN})`, 'gu');
const CLAUSE_START_NAME = new RegExp(`^(${NAME_HAN})`, 'u');
const ACCORDING = fold('據');
const CLAUSE_BREAK = /[，。；：！？,;:!?」』”"（）()]/u;
const PRONOUN = new RegExp(`^(?:(?:${alternation(['此外', '另外', '同時', '最後', '對此', '然而', '不過', '而'])})[，,]?)?([他她])(?![们們人国國方日])`, 'u');
const ROLE_LABEL = new RegExp(`(?:${TITLES}|${alternation(['業界', '商界', '港府', '政府', '辦', '局', '署', '處', '部', '府'])})$`, 'u');
const HEADLINE_QUOTE = /^([^：:]{1,12})[：:]/u;

export interface PersonMention {
  name: string;
  role: string | null;
}

export interface SentenceAttribution {
  speaker: string;
  cue: string;
  kind: 'intro' | 'pronoun' | 'headline';
}

/** Known people: canonical names keyed by their folded form, with roles as written. */
export class PersonRegistry {
  readonly people = new Map<string, { name: string; roles: string[] }>();
  constructor(private readonly excluded: Set<string>) {}

  isExcluded(name: string): boolean {
    return this.excluded.has(fold(name));
  }
  add(name: string, role: string | null): string | null {
    const key = fold(name);
    if (this.excluded.has(key)) return null;
    let person = this.people.get(key);
    if (!person) {
      person = { name, roles: [] };
      this.people.set(key, person);
    }
    if (role) for (const r of role.split(/[、]/u)) if (r && !person.roles.includes(r)) person.roles.push(r);
    return person.name;
  }
  lookup(folded: string): string | null {
    return this.people.get(folded)?.name ?? null;
  }
  /** Known names as a folded alternation, longest first, for matching anywhere in a clause. */
  knownPattern(): RegExp | null {
    const names = [...this.people.keys()].sort((a, b) => b.length - a.length).map(escape);
    return names.length ? new RegExp(`(${names.join('|')})`, 'gu') : null;
  }
}

interface Clause {
  start: number;
  text: string; // folded
}

function clauses(folded: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    if (i === folded.length || CLAUSE_BREAK.test(folded[i]!)) {
      if (i > start) out.push({ start, text: folded.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

/** A role as written before a name, without the words that only lead into it (據, 由, 另外…). */
function roleOf(text: string): string {
  return text.trim().replace(LEAD_IN, '');
}
const LEAD_IN = new RegExp(`^(?:${alternation(['據', '由', '另外', '此外', '同時', '其中', '而', '及', '與', '和', '對此'])})+`, 'u');

/** Pass one: people introduced with a title (and headline quotes), to be matched later by name. */
export function discoverPeople(sentence: string, registry: PersonRegistry): void {
  const folded = fold(sentence);
  const quoted = HEADLINE_QUOTE.exec(sentence);
  if (quoted && new RegExp(`^${NAME_HAN}$`, 'u').test(fold(quoted[1]!.trim())) && !registry.isExcluded(quoted[1]!.trim())) registry.add(quoted[1]!.trim(), null);
  for (const clause of clauses(folded)) {
    for (const m of clause.text.matchAll(TITLED_NAME)) {
      const nameStart = m.index + m[0].length - m[2]!.length;
      const candidate = pickName(clause.text, nameStart, true);
      if (!candidate) continue;
      const original = sentence.slice(clause.start + nameStart, clause.start + nameStart + candidate.length);
      const role = roleOf(sentence.slice(clause.start, clause.start + nameStart));
      registry.add(original, role.length > 0 ? role : null);
    }
  }
}

/**
 * The name starting at `at` in a folded clause: surname plus two characters, else plus one,
 * chosen so that a cue (or, when `titled`, the end of the clause) follows.
 */
function pickName(clause: string, at: number, titled: boolean): string | null {
  const m = new RegExp(`^${NAME_HAN}`, 'u').exec(clause.slice(at));
  if (!m) return null;
  const full = m[0];
  const fits = (len: number) => {
    const rest = clause.slice(at + len);
    return TAIL.test(rest) || (titled && (rest === '' || /^[（(]/u.test(rest)));
  };
  // 孫東亦在會上表示: a name ending in an adverb (亦, 又…) that also fits without it is the
  // shorter name followed by the adverb.
  if (full.length === 3 && ADVERB_CHAR.test(full[2]!) && fits(2) && fits(3)) return full.slice(0, 2);
  for (let len = full.length; len >= 2; len--) if (fits(len)) return full.slice(0, len);
  return null;
}

export function attributeChinese(
  sentence: string,
  registry: PersonRegistry,
  lastSpeaker: string | null,
): SentenceAttribution | null {
  const folded = fold(sentence);
  // Every way a speaker can be named; the one earliest in the sentence wins. The cue is looked
  // for in the rest of the sentence, not the clause: an occasion phrase may hold 「…」.
  const candidates: { at: number; speaker: string; cueEnd: number; cue: string }[] = [];
  const consider = (at: number, nameEnd: number, original: string | null, role: string | null) => {
    const tail = TAIL.exec(folded.slice(nameEnd));
    if (!tail) return;
    const speaker = original === null ? null : registry.add(original, role);
    if (!speaker) return;
    const cueEnd = nameEnd + tail[0].length;
    candidates.push({ at, speaker, cueEnd, cue: sentence.slice(cueEnd - tail[1]!.length, cueEnd) });
  };
  const known = registry.knownPattern();
  if (known) for (const m of folded.matchAll(known)) consider(m.index, m.index + m[0].length, registry.lookup(m[0]), null);
  const clauseList = clauses(folded);
  for (const m of folded.matchAll(TITLED_NAME)) {
    const nameStart = m.index + m[0].length - m[2]!.length;
    const name = pickName(folded, nameStart, false);
    if (!name) continue;
    const clause = clauseList.find((c) => c.start <= m.index && m.index < c.start + c.text.length);
    const role = clause ? roleOf(sentence.slice(clause.start, nameStart)) : '';
    consider(nameStart, nameStart + name.length, sentence.slice(nameStart, nameStart + name.length), role || null);
  }
  // A surname and a given name opening a clause, straight before a cue (no occasion phrase:
  // without a title that would be too loose).
  const plain = new RegExp(`^(?:${ADVERBS}|${TIME_WORDS})*(?:${CUES})${CUE_GUARD}`, 'u');
  for (const clause of clauseList) {
    // 據王小明透露 reads as 王小明透露.
    const lead = clause.text.startsWith(ACCORDING) ? ACCORDING.length : 0;
    const text = clause.text.slice(lead);
    const name = CLAUSE_START_NAME.test(text) ? pickName(text, 0, false) : null;
    if (name && plain.test(text.slice(name.length))) {
      const at = clause.start + lead;
      consider(at, at + name.length, sentence.slice(at, at + name.length), null);
    }
  }
  if (candidates.length > 0) {
    const best = candidates.reduce((a, b) => (b.at < a.at ? b : a));
    return { speaker: best.speaker, cue: best.cue, kind: 'intro' };
  }
  const pronoun = PRONOUN.exec(folded);
  if (pronoun && lastSpeaker) {
    const at = pronoun.index + pronoun[0].length;
    const firstClause = folded.slice(at).split(CLAUSE_BREAK)[0] ?? '';
    const cue = new RegExp(`(?:${CUES})${CUE_GUARD}`, 'u').exec(firstClause);
    return { speaker: lastSpeaker, cue: cue ? sentence.slice(at + cue.index, at + cue.index + cue[0].length) : sentence.slice(at - 1, at), kind: 'pronoun' };
  }
  return null;
}

/** `NAME：…` headlines. Returns the name as written when it is a person's name. */
export function headlineQuote(headline: string, registry: PersonRegistry): { name: string | null; label: string } | null {
  const m = HEADLINE_QUOTE.exec(headline);
  if (!m) return null;
  const label = m[1]!.trim();
  const folded = fold(label);
  if (registry.lookup(folded)) return { name: registry.lookup(folded), label };
  if (new RegExp(`^${NAME_HAN}$`, 'u').test(folded) && !registry.isExcluded(label)) return { name: label, label };
  // A role or an office standing for the story's speaker (專家：…, 港數字辦：…); anything else
  // before a colon (an event, a place) is no speaker.
  return ROLE_LABEL.test(folded) ? { name: null, label } : null;
}

// ---------------------------------------------------------------------------------------------
// English

const EN_CUES = 'said|says|told|added|adds|noted|notes|stressed|warned|explained|argued|believes|predicted|estimated|expects|expected|recalled|insisted|urged|observed|announced|pointed out|according to';
// A name, perhaps after its title (Digital Policy Commissioner Mark Tan): up to six words.
const EN_NAME = "[A-Z][\\p{Ll}'’-]+(?:\\s+(?:[A-Z][\\p{Ll}'’-]+|[A-Z]\\.)){1,5}";
const EN_HONORIFIC = '(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir)\\.?\\s+)?';
const EN_STOP = /^(?:The|This|That|These|Those|But|And|In|On|At|A|An|It|Its|They|We|Our|He|She|His|Her|Hong|Mainland|China|Chinese|Data|Digital|Summit|When|While|After|Before|Last|Next|For|From|With|As|If|By|To)\b/;
// Words of a title written before a name (Financial Secretary Paul Chan): they are the role.
const EN_TITLE_WORDS = new Set(
  'Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Financial Finance Chief Executive Secretary Minister Deputy Vice Director Commissioner Chairman Chairwoman Chair President Governor Mayor Senator Lawmaker Legislator Councillor Premier Justice Ambassador Consul General Manager Managing Partner Founder Co-founder Head Officer Spokesman Spokeswoman Spokesperson Economist Analyst Under Permanent Principal Senior Acting Former'.split(' '),
);

/**
 * Splits "Digital Policy Commissioner Mark Tan" into its title and the name: everything up to the
 * last title word is the title, when a name is left after it.
 */
function splitTitle(words: string): { name: string; title: string | null } {
  const parts = words.split(/\s+/);
  let last = -1;
  for (let i = 0; i < parts.length - 1; i++) if (EN_TITLE_WORDS.has(parts[i]!.replace(/\.$/, ''))) last = i;
  if (last < 0) return { name: words, title: null };
  return { name: parts.slice(last + 1).join(' '), title: parts.slice(0, last + 1).join(' ') };
}

const EN_RE = {
  saidRoleName: new RegExp(`\\b(?:${EN_CUES})\\s+(?:its|the|their|his|her)\\s+([\\p{Ll}][^,.;"“”]{2,60}),\\s+(${EN_NAME})`, 'u'),
  saidName: new RegExp(`["”’],?\\s+(?:${EN_CUES})\\s+(${EN_NAME})(?:,\\s*([^,.;]{3,80}))?`, 'u'),
  nameSaid: new RegExp(`(?:^|["”’]\\s*,?\\s*|[,;]\\s+)${EN_HONORIFIC}(${EN_NAME})(?:,\\s*([^,;"“”]{3,100}),)?\\s+(?:also\\s+|further\\s+|then\\s+)?(${EN_CUES})\\b`, 'u'),
  accordingTo: new RegExp(`[Aa]ccording to\\s+(?:[a-z][\\p{Ll} ]{0,40}\\s)?(${EN_NAME})(?:,\\s*([^,.;]{3,80}))?`, 'u'),
  pronounSaid: new RegExp(`(?:^|["”’]\\s*,?\\s*)(he|she|He|She)\\s+(?:also\\s+|further\\s+)?(${EN_CUES})\\b`, 'u'),
  pronounStart: /^(He|She)\s/u,
  surnameSaid: new RegExp(`(?:^|["”’]\\s*,?\\s*)${EN_HONORIFIC}([A-Z][\\p{Ll}'’-]+)(?:,\\s*[^,;"“”]{3,100},)?\\s+(?:also\\s+)?(${EN_CUES})\\b`, 'u'),
};

/** Registers an English name as written in the text, its title or role kept as a role. */
function addEnglish(registry: PersonRegistry, written: string, role: string | null): string | null {
  const { name, title } = splitTitle(written);
  if (EN_STOP.test(name)) return null;
  return registry.add(name, role ?? title);
}

export function discoverPeopleEnglish(sentence: string, registry: PersonRegistry): void {
  const roleName = EN_RE.saidRoleName.exec(sentence);
  if (roleName) addEnglish(registry, roleName[2]!, roleName[1]!.trim());
  for (const re of [EN_RE.saidName, EN_RE.nameSaid, EN_RE.accordingTo]) {
    const m = re.exec(sentence);
    if (m) addEnglish(registry, m[1]!, m[2]?.trim() ?? null);
  }
}

export function attributeEnglish(
  sentence: string,
  registry: PersonRegistry,
  lastSpeaker: string | null,
): SentenceAttribution | null {
  const name = (raw: string) => addEnglish(registry, raw, null);
  let m = EN_RE.saidRoleName.exec(sentence);
  if (m) {
    const s = name(m[2]!);
    if (s) return { speaker: s, cue: /said|says|told|added|noted/.exec(m[0])?.[0] ?? 'said', kind: 'intro' };
  }
  m = EN_RE.saidName.exec(sentence);
  if (m) {
    const s = name(m[1]!);
    if (s) return { speaker: s, cue: /said|says|told|added|noted/.exec(m[0])?.[0] ?? 'said', kind: 'intro' };
  }
  m = EN_RE.nameSaid.exec(sentence);
  if (m) {
    const s = name(m[1]!);
    if (s) return { speaker: s, cue: m[3]!, kind: 'intro' };
  }
  m = EN_RE.accordingTo.exec(sentence);
  if (m) {
    const s = name(m[1]!);
    if (s) return { speaker: s, cue: 'according to', kind: 'intro' };
  }
  m = EN_RE.surnameSaid.exec(sentence);
  if (m) {
    const s = lookupEnglishPart(m[1]!, registry);
    if (s) return { speaker: s, cue: m[2]!, kind: 'intro' };
  }
  m = EN_RE.pronounSaid.exec(sentence) ?? EN_RE.pronounStart.exec(sentence);
  if (m && lastSpeaker) return { speaker: lastSpeaker, cue: m[2] ?? m[1]!, kind: 'pronoun' };
  return null;
}

/** A surname or given name standing alone (Doe said) for a person already introduced. */
function lookupEnglishPart(part: string, registry: PersonRegistry): string | null {
  const matches = [...registry.people.values()].filter((p) => p.name.split(/\s+/).includes(part));
  return matches.length === 1 ? matches[0]!.name : null;
}
