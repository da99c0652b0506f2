/**
 * Who speaks in one sentence. No list of speakers: people are discovered from the text and kept
 * in `People`; every later mention is resolved to one of them or to nobody.
 *
 * Chinese (matched on folded text, so Traditional and Simplified follow the same rules), a
 * mention directly before a speech cue (or after a time word and an occasion phrase:
 * 昨在峰會發言時展望):
 * - a title and a new name: 全國政協副主席、…協會主席梁振英出席峰會致辭時表示;
 * - a known name anywhere: 梁振英指出, “…”梁振英说;
 * - opening a clause: a surname and a title (陳司長表示), a surname alone (陳又指), a role alone
 *   (財政司司長表示), a nickname (財爺稱, 波叔指), a new name of surname and given name;
 * - 他/她 opening a clause: the nearest person of that gender (the caller decides who).
 * English: "…," she said / X said / said X / X, ROLE, said / the ROLE, Mr X, said / according to
 * X / Mr X said / the Financial Secretary said.
 *
 * A cue must follow the mention directly, or after a time word and an occasion phrase ending in 時,
 * so cue characters inside ordinary words (材料, 指標) never attribute.
 */
import { fold } from '../text/fold.ts';
import { COMPOUND_SURNAMES, type Gender, type MentionKind, type People, type Person } from './people.ts';

const foldAll = (words: string[]) => [...new Set(words.map(fold))].sort((a, b) => b.length - a.length);
const alternation = (words: string[]) => foldAll(words).map(escapeRegExp).join('|');
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Speech cues; longer ones are tried first. 指/料/說/稱 are guarded against the words they start.
const CUE_WORDS = [
  '表示',
  '指出',
  '認為',
  '提醒',
  '強調',
  '提到',
  '提及',
  '相信',
  '透露',
  '補充',
  '預計',
  '預料',
  '預期',
  '估計',
  '展望',
  '坦言',
  '直言',
  '重申',
  '解釋',
  '呼籲',
  '建議',
  '形容',
  '談到',
  '談及',
  '寫道',
  '回應',
  '承認',
  '警告',
  '總結',
  '分享',
  '憶述',
  '笑言',
  '深信',
  '堅信',
  '宣布',
  '宣佈',
  '表明',
  '希望',
  '期望',
  '提出',
  '介紹',
  '直指',
  '指稱',
  '坦承',
  '寄語',
  '說明',
  '闡述',
  '續指',
  '續稱',
  '續說',
  '補充說',
  '倡議',
  '呼吁',
  '勉勵',
  '寄望',
  '憧憬',
  '看來',
  '看来',
  '告訴',
  '列出',
  '列舉',
  '歡迎',
  '祝賀',
  '感謝',
  '讚揚',
  '看好',
  'answered',
  '說',
  '指',
  '料',
  '稱',
  '話',
  '道',
  '答',
].filter((c) => !/^[a-z]/.test(c));
// 發布, 公布, 發表 present a plan or a list, but 發表主旨演講 and 發布會 only say what happened.
const CUES = `${alternation(CUE_WORDS)}|${['發布', '公布', '發表'].map(fold).join('|')}(?!${alternation(['會', '主旨', '演講', '講話', '致辭', '報告', '儀式'])})`;
const CUE_GUARD = `(?!${alternation(['數', '標', '導', '引', '南', '定', '派', '令', '理', '明書', '為', '號', '讚', '作', '法', '題', '服', '路', '德', '案', '覆', '卷', '辯'])})`;
const ADVERBS = alternation([
  '又',
  '亦',
  '還',
  '續',
  '也',
  '更',
  '則',
  '再',
  '並',
  '便',
  '就',
  '曾',
  '已',
  '同時',
  '進一步',
  '最後',
  '隨後',
  '特別',
  '另',
  '均',
  '都',
  '會上',
  '席間',
  '當時',
  '稍後',
  '其後',
]);
const ADVERB_CHAR = new RegExp(`[${['亦', '又', '也', '還', '則', '更', '再', '並', '曾', '已', '續', '指', '稱', '說', '表', '認', '強', '料', '直', '坦'].map(fold).join('')}]`, 'u');
const TIME_WORDS = `(?:${alternation(['昨日', '昨天', '昨午', '昨晨', '昨晚', '昨', '今日', '今天', '今早', '今午', '今', '日前', '早前', '近日', '前日', '本週', '上週', '週一', '週二', '週三', '週四', '週五', '週六', '週日', '十六日'])}|\\d{1,2}日)`;
const TITLE_WORDS = [
  '主席',
  '副主席',
  '創會主席',
  '名譽主席',
  '聯席主席',
  '會長',
  '副會長',
  '司長',
  '局長',
  '副局長',
  '處長',
  '署長',
  '主任',
  '副主任',
  '專員',
  '總監',
  '顧問',
  '總裁',
  '行政總裁',
  '副總裁',
  '董事長',
  '董事',
  '總經理',
  '經理',
  '教授',
  '院長',
  '校長',
  '秘書長',
  '副秘書長',
  '議員',
  '部長',
  '行長',
  '主管',
  '創辦人',
  '創始人',
  '合夥人',
  '研究員',
  '分析師',
  '經濟學家',
  '經濟師',
  '律師',
  '醫生',
  '博士',
  '委員',
  '大使',
  '理事長',
  '總幹事',
  '執行官',
  '負責人',
  '發言人',
  '總編輯',
  '主編',
  '市長',
  '省長',
  '書記',
  '官員',
  '專家',
  '學者',
  '法官',
  '特首',
  '行政長官',
  '總理',
  '總統',
  '所長',
  '社長',
  '會計師',
  '工程師',
  '科學家',
  '代表',
  '總代表',
  '首席',
  '常委',
  '財爺',
  '司長',
  '副司長',
  '常任秘書長',
  '副總經理',
  '總工程師',
  '首席執行官',
  '首席執行長',
  '副院長',
  '副校長',
  '理事',
  'CEO',
  'CTO',
  'CFO',
  'COO',
  '先生',
  '女士',
  '小姐',
  '太太',
];
const TITLES = alternation(TITLE_WORDS);
// Titles that follow a surname in a later mention (陳司長, 黃副主席, 李教授, 何女士).
const SURNAME_TITLES = alternation(TITLE_WORDS.filter((t) => !['專家', '學者', '官員', '代表', '首席', '常委', '特首', '行政長官'].includes(t)));
const FEMALE_TITLES = new Set(['女士', '小姐', '太太'].map(fold));
const MALE_TITLES = new Set(['先生'].map(fold));
// Common surnames of Hong Kong, Macao, the Mainland and Taiwan (compound ones first).
const SURNAME_LIST = [
  ...COMPOUND_SURNAMES,
  ...'陳李張黃何林梁吳王劉楊鄭謝郭曾蔡周徐許蕭馮羅葉朱潘胡鄧余盧袁蘇麥彭高馬孫趙莫方譚鍾鄺廖程唐施姚崔范湯丁韓董江洪沈龍傅杜蔣魏呂侯雷石賴邱嚴冼戴顏孔溫關區岑甘古邵阮容伍尹萬翁賀陸毛姜熊金田卓夏邢薛任秦史龐柯紀鮑殷聶童鄒牛易霍祝闕饒駱戚簡連巫梅凌白喬褚左衛聞單段宋閻俞苗齊武文祁尤蒲喻符辛郝汪樊裴尚屈舒焦魯藍覃韋莊鄔勞游植利'.split(
    '',
  ),
  // Less common ones; characters that open ordinary words too often are left out (時, 和, 成, 全,
  // (顧 of 顧問, 包 of 包括, 于 the folded 於, 談 of 談到, 申 of 申請 among them).
  ...'孟曹肖賈陶黎龔康葛倪岳翟詹歐耿蘭柳寧季裴涂苗盛翁冉靳柴蒙滕牟艾穆繆婁竇卜冷晏米柏瞿桂佟臧閔苟卞姬仇欒隋刁寇桑郎甄叢仲虞敖佘遲湛巢練衞'.split(''),
];
const SURNAMES = alternation(SURNAME_LIST);
const HAN = '\\p{Script=Han}';
const NAME_HAN = `(?:${SURNAMES})${HAN}{1,2}`;
// An occasion between the name and the cue: 出席峰會致辭時, 在致辭中, 在會上, 在演講後, 接受訪問時.
const OCCASION = `(?:[在于於]?[^，。；、,;「」“”]{0,40}?(?:时|期间)|[在于於][^，。；、,;]{1,30}?(?:中|上|后)|接受[^，。；、,;]{0,20}?(?:访问|采访|专访)|(?:透过|通过|出席|在)[^，。；、,;「」“”]{0,30}?(?:致辞|发言|演讲|讲话|视像)[，,]|(?:在|于|对|就|以|引述|向|与)[^，。；、,;「」“”]{1,30}?(?=(?:${ADVERBS})*(?:${CUES})))`;
const TAIL = new RegExp(`^(?:${TIME_WORDS})?(?:${ADVERBS})*(?:${OCCASION})?(?:${ADVERBS})*(${CUES})${CUE_GUARD}`, 'u');
// Directly before the cue, no occasion: for mentions that are loose without a title.
const TIGHT_TAIL = new RegExp(`^(?:${ADVERBS}|${TIME_WORDS})*(${CUES})${CUE_GUARD}`, 'u');
// A title, perhaps a space (財政司司長 陳茂波), then a name.
const TITLED_NAME = new RegExp(`(${TITLES})\\s?(${NAME_HAN})`, 'gu');
const NAME_AT = new RegExp(`^${NAME_HAN}`, 'u');
const FULL_NAME = new RegExp(`^${NAME_HAN}$`, 'u');
const SURNAME_TITLE_AT = new RegExp(`^(${SURNAMES})(${SURNAME_TITLES})`, 'u');
const SURNAME_AT = new RegExp(`^(${SURNAMES})`, 'u');
const ROLE_AT = new RegExp(`^[^，。；、,;「」“”\\s]{0,24}?(?:${TITLES})`, 'u');
const NICKNAME_AT = new RegExp(`^(?:${alternation(['財爺', '特首'])}|${HAN}(?:${alternation(['叔', '姐', '哥', '嫂', '伯'])})|阿${HAN})`, 'u');
const LEAD_IN = new RegExp(
  `^(?:${alternation(['據', '由', '在', '另外', '此外', '同時', '其中', '而', '及', '與', '和', '對此', '對於', '至於', '不過', '但', '然而', '最後', '隨後', '其後', '總結時'])})+`,
  'u',
);
const ACCORDING = fold('據');
const CLAUSE_BREAK = /[，。；：！？,;:!?」』”"（）()]/u;
const PRONOUN_AT = new RegExp(`^(?:(?:${alternation(['此外', '另外', '同時', '最後', '對此', '然而', '不過', '而', '但', '並', '其後', '隨後', '在'])})[，,]?)?([他她])(?![们們人国國方日者])`, 'u');
// A role or an office standing for one person (專家：…, 港數字辦：…); not a group (業界：…).
const ROLE_LABEL = new RegExp(`(?:${TITLES}|${alternation(['港府', '政府', '辦', '局', '署', '處', '部', '府', '協會', '聯盟', '公會'])})$`, 'u');
// A name followed directly by 女士/先生: the text shows the gender.
const GENDER_AFTER = new RegExp(`^(${alternation(['女士', '小姐', '太太', '先生'])})`, 'u');

const JOINT_BEFORE = new RegExp(`(?:${NAME_HAN})[与和及、]$`, 'u');
const JOINT_AFTER = new RegExp(`^[与和及、](?:${NAME_HAN})`, 'u');

/** Which rule found the speaker; `inspect` shows it beside the cue and the mention. */
export type Rule =
  | 'title+name before cue'
  | 'name before cue'
  | 'surname+title before cue'
  | 'surname before cue'
  | 'role before cue'
  | 'nickname before cue'
  | 'new name before cue'
  | 'pronoun'
  | 'said NAME'
  | 'NAME said'
  | 'said its ROLE, NAME'
  | 'the ROLE, Mr NAME, said'
  | 'according to NAME'
  | 'the ROLE said';

export interface SentenceSpeaker {
  person: Person;
  cue: string;
  rule: Rule;
  /** The words that named the speaker, as written (陳司長, Mr Wong, 她). */
  mention: string;
  how: MentionKind;
  /** Offset of the mention, and of the cue's end, in the sentence. */
  at: number;
  end: number;
}

export interface SentenceContext {
  /** Who 他/她, he/she stands for here: the nearest person of that gender. */
  pronoun(gender: Gender): Person | null;
  /** A mention that resolved to nobody (for the warnings). */
  unresolved(mention: string): void;
  /** How often a folded string occurs on the page. */
  occurrences(folded: string): number;
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

/**
 * The name starting at `at` in a folded clause: surname plus two characters, else plus one,
 * chosen so that a cue (or, when `titled`, the end of the clause) follows.
 */
function pickName(clause: string, at: number, titled: boolean): string | null {
  const m = NAME_AT.exec(clause.slice(at));
  if (!m) return null;
  const full = m[0];
  const fits = (len: number) => {
    const rest = clause.slice(at + len);
    return TAIL.test(rest) || (titled && (rest === '' || /^[（(、和及与等今昨在于於出]/u.test(rest) || GENDER_AFTER.test(rest)));
  };
  // 孫東亦在會上表示: a name ending in an adverb (亦, 又…) that also fits without it is the
  // shorter name followed by the adverb.
  if (full.length === 3 && ADVERB_CHAR.test(full[2]!) && fits(2) && fits(3)) return full.slice(0, 2);
  for (let len = full.length; len >= 2; len--) if (fits(len)) return full.slice(0, len);
  return null;
}

function genderOfTitle(folded: string): Gender | null {
  const m = GENDER_AFTER.exec(folded);
  if (!m) return null;
  return FEMALE_TITLES.has(m[1]!) ? 'female' : MALE_TITLES.has(m[1]!) ? 'male' : null;
}

const NICKNAME_AFTER = /[，,]\s*(?:人称|外号|绰号|有)[「“『]([^」”』]{1,8})[」”』](?:之称)?(?!的)/gu;
const NICKNAME_INTRO = /(?:有|人称|外号|绰号)[「“『]([^」”』]{1,8})[」”』](?:之称)?的([^，。；,;]{2,40})/gu;
const NAME_WITH_COURTESY = new RegExp(`(${NAME_HAN})(${alternation(['女士', '先生', '小姐'])})`, 'gu');

/** Pass one: people introduced with a title (and headline quotes), to be matched later by name. */
export function discoverChinese(sentence: string, people: People): void {
  const folded = fold(sentence);
  for (const clause of clauses(folded)) {
    // 中聯辦副主任蔣振邦、創新科技及工業局局長孔慧珊: each role runs from the name before it.
    let roleStart = 0;
    for (const m of clause.text.matchAll(TITLED_NAME)) {
      const nameStart = m.index + m[0].length - m[2]!.length;
      const candidate = pickName(clause.text, nameStart, true);
      if (!candidate) continue;
      const original = sentence.slice(clause.start + nameStart, clause.start + nameStart + candidate.length);
      const role = roleOf(sentence.slice(clause.start + roleStart, clause.start + nameStart).replace(/^[、和及與与]/u, ''));
      roleStart = nameStart + candidate.length;
      const person = people.introduce(original, role.length > 0 ? role : null);
      const gender = genderOfTitle(clause.text.slice(nameStart + candidate.length));
      if (person && gender) people.setGender(person, gender);
    }
    // 有「數據哥」之稱的蔡柏濤, 人稱「X」的NAME: the nickname is the person's too.
    for (const m of folded.matchAll(NICKNAME_AFTER)) {
      // …教授馮俊傑，人稱「量子教父」: the person named last before it.
      const person = people.namedIn(folded.slice(0, m.index), 'last');
      const at = m.index + m[0].indexOf(m[1]!);
      if (person) people.alias(person, sentence.slice(at, at + m[1]!.length));
    }
    for (const m of folded.matchAll(NICKNAME_INTRO)) {
      // The person is the first one named after it (…的本地數據交易平台創辦人蔡柏濤).
      const person = people.namedIn(m[2]!);
      const at = m.index + m[0].indexOf(m[1]!);
      if (person) people.alias(person, sentence.slice(at, at + m[1]!.length));
    }
    // 陳美玲女士表示: a name with 女士/先生 is a person, and shows the gender.
    for (const m of clause.text.matchAll(NAME_WITH_COURTESY)) {
      const name = m[1]!;
      const cut = name.length === 3 && people.get(name.slice(0, 2)) ? 2 : name.length;
      const original = sentence.slice(clause.start + m.index, clause.start + m.index + cut);
      if (!people.isExcluded(original) && (m.index === 0 || /[、和及與与]$/u.test(clause.text.slice(0, m.index)) || TITLED_NAME.test(clause.text))) {
        const person = people.get(original) ?? people.introduce(original, null);
        if (person) people.setGender(person, FEMALE_TITLES.has(m[2]!) ? 'female' : 'male');
      }
      TITLED_NAME.lastIndex = 0;
    }
  }
}

/** A surname and one or two given characters: how a Chinese name looks (陳家駿, 馮東). */
export function looksLikeChineseName(text: string): boolean {
  return FULL_NAME.test(fold(text));
}

/** The first person a sentence names with a title (以下是財政司司長區永年今日…的致辭全文). */
export function titledPerson(sentence: string, people: People): Person | null {
  const folded = fold(sentence);
  for (const m of folded.matchAll(TITLED_NAME)) {
    const nameStart = m.index + m[0].length - m[2]!.length;
    const name = pickName(folded, nameStart, true);
    if (name) return people.get(name) ?? people.introduce(sentence.slice(nameStart, nameStart + name.length), null);
  }
  return people.namedIn(folded);
}

export function attributeChinese(sentence: string, people: People, context: SentenceContext): SentenceSpeaker | null {
  const folded = fold(sentence);
  // Every way a speaker can be named; the one earliest in the sentence wins. The cue is looked
  // for in the rest of the sentence, not the clause: an occasion phrase may hold 「…」.
  const candidates: SentenceSpeaker[] = [];
  const consider = (at: number, mentionEnd: number, person: Person | null, rule: Rule, how: MentionKind, tail: RegExp = TAIL) => {
    const cue = tail.exec(folded.slice(mentionEnd));
    if (!cue || !person) return false;
    // 鄧志恒與何嘉欣均提到: two people saying it together is nobody's words in particular.
    if (JOINT_BEFORE.test(folded.slice(0, at)) || JOINT_AFTER.test(folded.slice(mentionEnd))) return false;
    const end = mentionEnd + cue[0].length;
    const mention = sentence.slice(at, mentionEnd);
    people.noteForm(person, mention);
    // A nickname is a name a reader may ask by (財爺, 添叔).
    if (how === 'nickname') people.alias(person, mention);
    candidates.push({ person, cue: sentence.slice(end - cue[1]!.length, end), rule, mention, how, at, end });
    return true;
  };

  const known = people.knownNames();
  const pattern = people.knownPattern();
  if (pattern) for (const m of folded.matchAll(pattern)) consider(m.index, m.index + m[0].length, people.get(m[0]), 'name before cue', 'name');
  const clauseList = clauses(folded);
  for (const m of folded.matchAll(TITLED_NAME)) {
    const nameStart = m.index + m[0].length - m[2]!.length;
    const name = pickName(folded, nameStart, false);
    if (!name) continue;
    const clause = clauseList.find((c) => c.start <= m.index && m.index < c.start + c.text.length);
    const role = clause ? roleOf(sentence.slice(clause.start, nameStart)) : '';
    if (!TAIL.test(folded.slice(nameStart + name.length))) continue;
    const person = people.get(name) ?? people.introduce(sentence.slice(nameStart, nameStart + name.length), role || null);
    if (person && role) people.addRole(person, role);
    consider(nameStart, nameStart + name.length, person, 'title+name before cue', 'name');
  }
  // Mentions opening a clause: loose on their own, so only straight before a cue.
  for (const clause of clauseList) {
    const lead = LEAD_IN.exec(clause.text)?.[0].length ?? (clause.text.startsWith(ACCORDING) ? ACCORDING.length : 0);
    const text = clause.text.slice(lead);
    const at = clause.start + lead;
    if (text === '') continue;
    // 陳司長表示, 黃副主席指: the one person with that surname (and that title).
    const titled = SURNAME_TITLE_AT.exec(text);
    if (titled && TAIL.test(text.slice(titled[0].length)) && !NAME_AT.test(text.slice(titled[1]!.length + titled[2]!.length))) {
      const person = people.bySurname(titled[1]!, titled[2]!) ?? (FEMALE_TITLES.has(titled[2]!) || MALE_TITLES.has(titled[2]!) ? null : null);
      if (person) {
        const g = genderOfTitle(titled[2]!);
        if (g) people.setGender(person, g);
        consider(at, at + titled[0].length, person, 'surname+title before cue', 'surname+title');
      } else if (!people.get(text.slice(0, 3)) && !people.get(text.slice(0, 2))) context.unresolved(sentence.slice(at, at + titled[0].length));
      continue;
    }
    // 陳又指, 陳稱: a surname alone before the cue.
    const surname = SURNAME_AT.exec(text);
    if (surname && TIGHT_TAIL.test(text.slice(surname[1]!.length))) {
      const person = people.bySurname(surname[1]!);
      if (person && !known.some((k) => text.startsWith(k))) {
        consider(at, at + surname[1]!.length, person, 'surname before cue', 'surname', TIGHT_TAIL);
        continue;
      }
    }
    // 財爺稱, 波叔指.
    const nickname = NICKNAME_AT.exec(text);
    if (nickname && TAIL.test(text.slice(nickname[0].length))) {
      const person = people.byNickname(nickname[0]);
      if (person && consider(at, at + nickname[0].length, person, 'nickname before cue', 'nickname')) continue;
    }
    // 財政司司長表示: a role alone, for the one person holding it.
    const role = ROLE_AT.exec(text);
    if (role && TAIL.test(text.slice(role[0].length)) && !NAME_AT.test(text.slice(role[0].length))) {
      // 這位年輕創辦人: failing the whole role, its title word alone (創辦人).
      const written = sentence.slice(at, at + role[0].length);
      const titleWord = new RegExp(`(?:${TITLES})$`, 'u').exec(role[0])?.[0];
      const person = people.byRole(written) ?? (titleWord && /^(?:这位|这名|该名|这个)/u.test(role[0]) ? people.byRole(titleWord) : null);
      if (person) {
        consider(at, at + role[0].length, person, 'role before cue', 'role');
        continue;
      }
    }
    // A new name, surname and given name, straight before a cue (no occasion phrase: without a
    // title that would be too loose). Never a surname with an adverb or a title (陳又, 陳局).
    const name = NAME_AT.test(text) ? pickName(text, 0, false) : null;
    if (name && TIGHT_TAIL.test(text.slice(name.length)) && !people.get(name)) {
      const given = name.slice(SURNAME_AT.exec(name)![1]!.length);
      // A name nobody introduced must recur on the page to be one (簡單來說 is no 簡單來).
      const fragment = ADVERB_CHAR.test(given[0]!) || SURNAME_TITLE_AT.test(text) || (given.length === 1 && people.bySurname(name.slice(0, name.length - 1)) !== null) || context.occurrences(name) < 2;
      if (fragment) {
        context.unresolved(name);
        continue;
      }
      consider(at, at + name.length, people.introduce(sentence.slice(at, at + name.length), null), 'new name before cue', 'name', TIGHT_TAIL);
    }
  }
  if (candidates.length > 0) return candidates.reduce((a, b) => (b.at < a.at ? b : a));

  // 他/她 opening the sentence or a clause: the nearest person of that gender.
  for (const clause of clauseList) {
    const pronoun = PRONOUN_AT.exec(clause.text);
    if (!pronoun) continue;
    const pos = clause.start + pronoun[0].length;
    const rest = folded.slice(pos);
    const cue = TAIL.exec(rest);
    // A pronoun opening the sentence speaks even without a cue (他以…為例); in a later clause
    // only with one.
    if (clause.start > 0 && !cue) continue;
    const person = context.pronoun(pronoun[1] === '她' ? 'female' : 'male');
    if (!person) return null;
    const cueText = cue ? sentence.slice(pos + cue[0].length - cue[1]!.length, pos + cue[0].length) : sentence.slice(pos - 1, pos);
    return { person, cue: cueText, rule: 'pronoun', mention: sentence.slice(pos - 1, pos), how: 'pronoun', at: pos - 1, end: pos + (cue?.[0].length ?? 0) };
  }
  return null;
}

/**
 * `NAME：…` headlines and interview headlines (专访…秘书长NAME：…). Returns the person when the
 * label names one, `role` when the label is a role or an office standing for the story's
 * speaker (專家：…, 港數字辦：…), null when it is something else (an event, a place).
 */
export function headlineQuote(headline: string, people: People): { person: Person | null; label: string; colon: string } | null {
  // A section tag before ｜ (數據峰會｜財爺：…) is no part of the label.
  const text = headline.replace(/^[^｜|]{1,12}[｜|]\s*/u, '').replace(/^【[^】]{1,8}】\s*/u, '');
  const m = /^([^：:]{1,40})([：:])/u.exec(text);
  if (!m) return headlineVerb(text, people);
  const label = m[1]!.trim();
  const folded = fold(label);
  const colon = m[2]!;
  const unquoted = label.replace(/^[「“『](.+)[」”』]$/u, '$1');
  const titleWord = new RegExp(`(?:${TITLES})$`, 'u').exec(folded)?.[0];
  const known =
    people.get(unquoted) ??
    people.byNickname(unquoted) ??
    (/\p{Script=Han}/u.test(label) && label.length <= 12 ? (people.byRole(label) ?? (titleWord && titleWord !== folded ? people.byRole(titleWord) : null)) : null);
  if (known) return { person: known, label, colon };
  // 郭志鴻 in 國際數據產業聯盟成立 郭志鴻：…: a known name ending the label.
  const last = label.split(/\s+/).pop()!;
  const tail = people.get(last);
  if (tail) return { person: tail, label: last, colon };
  if (FULL_NAME.test(folded) && !people.isExcluded(label) && label.length <= 4) return { person: people.introduce(label, null), label, colon };
  // 专访国际数据产业联盟秘书长陈XX: a titled name ending the label.
  const titled = new RegExp(`(${TITLES})\\s?(${NAME_HAN})$`, 'u').exec(folded);
  if (titled) {
    const name = label.slice(label.length - titled[2]!.length);
    const role = label
      .slice(0, label.length - name.length)
      .replace(/^(?:專訪|专访|對話|对话|訪問|访问)/u, '')
      .trim();
    return { person: people.introduce(name, role || null), label, colon };
  }
  const latin = /(?:^|\s)((?:[A-Z][\p{Ll}'’-]+\s+){1,3}[A-Z][\p{Ll}'’-]+)$/u.exec(label);
  if (latin) {
    const person = people.get(latin[1]!) ?? introduceLatin(people, latin[1]!, label.slice(0, latin.index).trim() || null);
    if (person) return { person, label, colon };
  }
  if (label.length <= 12 && ROLE_LABEL.test(folded)) return { person: null, label, colon };
  return null;
}

// A headline opening with a known person and a verb of saying: 周浩然倡建…, 陳司長籲….
const HEADLINE_VERB = new RegExp(
  `^(?:${alternation(['倡', '促', '籲', '吁', '指', '稱', '冀', '料', '談', '表示', '認為', '強調', '呼籲', '提出', '建議', '寄語', '憂', '斥', '盼', '望', '称'])})`,
  'u',
);
function headlineVerb(headline: string, people: People): { person: Person | null; label: string; colon: string } | null {
  // 「數據哥」倡…: the name in quote marks.
  const bare = headline.replace(/^[「“『]([^」”』]{1,8})[」”』]/u, '$1');
  if (bare !== headline) {
    const r = headlineVerb(bare, people);
    return r ? { ...r, label: headline.slice(0, r.label.length + 2) } : null;
  }
  const folded = fold(headline);
  for (const n of people.knownNames()) {
    if (folded.startsWith(n) && HEADLINE_VERB.test(folded.slice(n.length))) {
      return { person: people.get(n), label: headline.slice(0, n.length), colon: headline.slice(n.length, n.length + 1) };
    }
  }
  // 協會倡…, 學者倡…: a body or a kind of person standing for the one speaker of the page who is it.
  const role = /^(\p{Script=Han}{2,6}?)(?=倡|促(?![进成使])|吁|冀|盼)/u.exec(folded);
  if (role) {
    const label = role[1]!;
    const academic = /^(?:学者|专家)$/u.test(label);
    const holders = people.all.filter((p) => p.roles.some((r) => (academic ? /教授|学者|研究员|专家|博士/u.test(fold(r)) : fold(r).includes(label))));
    if (holders.length === 1) return { person: holders[0]!, label: headline.slice(0, label.length), colon: headline.slice(label.length, label.length + 1) };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// English

const EN_CUE_LIST =
  'said|says|told|added|adds|noted|notes|stressed|stresses|warned|warns|explained|argued|argues|believes|believed|predicted|predicts|estimated|expects|expected|recalled|insisted|urged|urges|observed|announced|pointed out|points out|called for|calls for|called on|highlighted|highlights|emphasised|emphasized|emphasises|emphasizes|revealed|remarked|acknowledged|suggested|suggests|proposed|admitted|cautioned|hoped|welcomed|stated|declared|listed|outlined|wrote|agreed|conceded|maintained|reiterated|underlined|underscored|vowed|pledged|promised|forecast|projected|described|told reporters|went on|continued|answered|replied|asserted|contended|questioned|concluded|elaborated|envisioned|envisaged|shared';
const EN_CUES = EN_CUE_LIST;
// A name, perhaps after its title (Digital Policy Commissioner Mark Tan): up to six words.
const EN_WORD = "[A-Z][\\p{Ll}'’]+(?:-[\\p{L}]+)?";
const EN_NAME = `${EN_WORD}(?:\\s+(?:${EN_WORD}|[A-Z]\\.)){1,5}`;
const HONORIFIC = '(?:Dr|Mr|Mrs|Ms|Miss|Madam|Prof|Professor|Sir|Dame)';
const EN_HONORIFIC = `(?:${HONORIFIC}\\.?\\s+)?`;
const EN_STOP =
  /^(?:The|This|That|These|Those|But|And|In|On|At|A|An|It|Its|They|We|Our|He|She|His|Her|Hong|Mainland|China|Chinese|Data|Digital|Summit|When|While|After|Before|Last|Next|For|From|With|As|If|By|To|Speaking|Asked|Officials|Experts|Analysts|Government|Greater|Bay|Area|Cyberport|Hong Kong)\b/;
// Words of a title written before a name (Financial Secretary Paul Chan): they are the role.
const EN_TITLE_WORDS = new Set(
  'Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Financial Finance Chief Executive Secretary Minister Deputy Vice Director Commissioner Chairman Chairwoman Chair President Governor Mayor Senator Lawmaker Legislator Councillor Premier Justice Ambassador Consul General Manager Managing Partner Founder Co-founder Head Officer Spokesman Spokeswoman Spokesperson Economist Analyst Under Permanent Principal Senior Acting Former Associate Assistant Executive Technology Innovation Digital Policy Data Technology Information Industry Commerce Economic Development Lead Convenor Honorary'.split(
    ' ',
  ),
);
// Words of organisations and offices, never of a person's name.
const EN_NOT_NAME = new Set(
  'for of the and Data Office Commission Commissioner Association Council Bureau Department Authority Centre Center Alliance Summit Government Kong Technology Industry Policy Personal Privacy Exchange Exchanges University Institute Board Committee Group Bank Corporation Company Limited Fund Forum Area Bay Station Space Digital Economy'.split(
    ' ',
  ),
);
const FEMALE_HONORIFIC = /^(?:Mrs|Ms|Miss|Madam|Dame)\.?$/;
const MALE_HONORIFIC = /^(?:Mr|Sir)\.?$/;

/**
 * Splits "Digital Policy Commissioner Mark Tan" into its title and the name: everything up to the
 * last title word is the title, when a name of at least one word is left after it.
 */
function splitTitle(words: string): { name: string; title: string | null; honorific: string | null } {
  const parts = words.split(/\s+/);
  let last = -1;
  for (let i = 0; i < parts.length - 1; i++) if (EN_TITLE_WORDS.has(parts[i]!.replace(/\.$/, ''))) last = i;
  // "Commissioner for Personal Data": what follows a title is no name when it holds an office's words.
  if (parts.slice(last + 1).some((w) => EN_NOT_NAME.has(w))) return { name: '', title: null, honorific: null };
  const honorific = last >= 0 && new RegExp(`^${HONORIFIC}\\.?$`).test(parts[last]!) ? parts[last]!.replace(/\.$/, '') : null;
  if (last < 0) return { name: words, title: null, honorific: null };
  const title = parts
    .slice(0, last + 1)
    .filter((w) => !new RegExp(`^${HONORIFIC}\\.?$`).test(w))
    .join(' ');
  return { name: parts.slice(last + 1).join(' '), title: title || null, honorific };
}

function genderOfHonorific(h: string | null | undefined): Gender | null {
  if (!h) return null;
  return FEMALE_HONORIFIC.test(h) ? 'female' : MALE_HONORIFIC.test(h) ? 'male' : null;
}

/** Registers an English name as written, its title or role kept as a role; null for non-names. */
export function introduceLatin(people: People, written: string, role: string | null, honorific?: string | null): Person | null {
  const { name, title, honorific: inner } = splitTitle(written.trim());
  if (name === '') return null;
  if (EN_STOP.test(name) || !name.includes(' ')) {
    // One word left: a known person's surname or given name, never a new person.
    return EN_STOP.test(name) ? null : people.byLatinPart(name);
  }
  const person = people.get(name) ?? people.introduce(name, null, true);
  if (!person) return null;
  const r = role ?? title;
  if (r && !/^(?:who|whose|which|where|when|a|an)\b/i.test(r)) people.addRole(person, r.trim());
  const g = genderOfHonorific(honorific ?? inner);
  if (g) people.setGender(person, g);
  return person;
}

const EN_TITLE_ALT = [...EN_TITLE_WORDS].join('|');

const EN_RE = {
  // "said its chairman, Lin Haifeng"
  saidRoleName: new RegExp(`\\b(?:${EN_CUES})\\s+(?:its|the|their|his|her)\\s+([\\p{Ll}][^,.;"“”]{2,60}),\\s+${EN_HONORIFIC}(${EN_NAME})`, 'u'),
  // "The Financial Secretary, Mr Paul Wong, said" / "…, the Financial Secretary, Mr Paul Wong said"
  roleHonorificName: new RegExp(
    `(?:^|[,;]\\s+|["”’]\\s*,?\\s*)(?:[Tt]he\\s+)?([A-Z][\\p{L}-]*(?:\\s+(?:[A-Z][\\p{L}-]*|for|of|and|the|in)|,\\s+[A-Z][\\p{L}-]*(?=[^,]*\\sand\\s)){0,10}),\\s+(${HONORIFIC})\\.?\\s+(${EN_NAME}|${EN_WORD}),?\\s+(?:also\\s+|further\\s+|then\\s+)?(${EN_CUES})\\b`,
    'u',
  ),
  saidName: new RegExp(`["”’],?\\s+(?:${EN_CUES})\\s+(${EN_HONORIFIC})(${EN_NAME}|${EN_WORD})(?:,\\s*([^,.;"“”]{3,100}))?`, 'u'),
  nameSaid: new RegExp(
    `(?:^|["”’]\\s*,?\\s*|[,;]\\s+|\\b(?:and|but|while|as)\\s+)(?:(?:[Tt]he\\s+)?(?:(?:${EN_TITLE_ALT})\\s+(?:(?:for|of|and|the)\\s+)?){1,6}(?=(?:${HONORIFIC}\\.?\\s+)?${EN_NAME}))?(${EN_HONORIFIC})(${EN_NAME})(?:,\\s*([^;"“”]{3,140}?),)?\\s+(?:who\\s+)?(?:also\\s+|further\\s+|then\\s+|later\\s+|repeatedly\\s+)?(${EN_CUES})\\b`,
    'u',
  ),
  accordingTo: new RegExp(`[Aa]ccording to\\s+(?:[a-z][\\p{Ll} ]{0,40}\\s)?(${EN_HONORIFIC})(${EN_NAME}|${EN_WORD})(?:,\\s*([^,.;]{3,80}))?`, 'u'),
  // "Also speaking was Zhang Jianhua, deputy director of …, who said"
  nameWhoSaid: new RegExp(`(${EN_HONORIFIC})(${EN_NAME}),\\s+[^;"“”]{3,160}?,\\s+who\\s+(?:also\\s+|further\\s+)?(${EN_CUES})\\b`, 'u'),
  // "Wong said", "Mr Wong added", "Ko, whose association represents 300 firms, called for"
  partSaid: new RegExp(
    `(?:^|["”’]\\s*,?\\s*|[,;]\\s+|\\b(?:and|but|while|as)\\s+)(${EN_HONORIFIC})(${EN_WORD})(?:,\\s*[^;"“”]{3,140}?,)?\\s+(?:who\\s+)?(?:also\\s+|further\\s+|then\\s+|later\\s+)?(${EN_CUES})\\b`,
    'u',
  ),
  // "the Financial Secretary said", "the commissioner added"
  roleSaid: new RegExp(
    `(?:^|["”’]\\s*,?\\s*|[,;]\\s+)[Tt]he\\s+((?:[A-Za-z'’-]+\\s+){0,5}?(?:${[...EN_TITLE_WORDS].filter((w) => !/^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady)$/.test(w)).join('|')}|secretary|commissioner|chairman|chairwoman|chief|minister|director|president|professor|official|spokesman|spokeswoman|founder))\\s+(?:also\\s+|further\\s+|then\\s+)?(${EN_CUES})\\b`,
    'iu',
  ),
  pronounSaid: new RegExp(`(?:^|["”’]\\s*,?\\s*|[,;]\\s+)(he|she|He|She)\\s+(?:also\\s+|further\\s+|then\\s+|later\\s+)?(${EN_CUES})\\b`, 'u'),
  pronounStart: /^(He|She)\s/u,
};

export function discoverEnglish(sentence: string, people: People): void {
  const roleName = EN_RE.saidRoleName.exec(sentence);
  if (roleName) introduceLatin(people, roleName[2]!, roleName[1]!.trim());
  const split = EN_RE.roleHonorificName.exec(sentence);
  if (split && split[3]!.includes(' ')) introduceLatin(people, split[3]!, split[1]!.trim(), split[2]);
  const said = EN_RE.saidName.exec(sentence);
  if (said && said[2]!.includes(' ')) introduceLatin(people, said[2]!, said[3]?.trim() ?? null, said[1]?.trim());
  const nameSaid = EN_RE.nameSaid.exec(sentence);
  if (nameSaid) introduceLatin(people, nameSaid[2]!, nameSaid[3]?.trim() ?? leadTitle(nameSaid), nameSaid[1]?.trim());
  const according = EN_RE.accordingTo.exec(sentence);
  if (according && according[2]!.includes(' ')) introduceLatin(people, according[2]!, according[3]?.trim() ?? null, according[1]?.trim());
  // "Financial Secretary Paul Wong" or "Mr Paul Wong" anywhere: a person, with the role.
  for (const m of sentence.matchAll(new RegExp(`\\b((?:${[...EN_TITLE_WORDS].join('|')})\\.?(?:\\s+(?:${[...EN_TITLE_WORDS].join('|')}|of|for|the|and)\\.?)*)\\s+(${EN_NAME})`, 'gu'))) {
    const { name, title, honorific } = splitTitle(`${m[1]} ${m[2]}`);
    if (!name.includes(' ') || EN_STOP.test(name)) continue;
    introduceLatin(people, name, title, honorific);
  }
}

function latinGenderNote(people: People, person: Person, honorific: string | null | undefined): void {
  const g = genderOfHonorific(honorific?.trim());
  if (g) people.setGender(person, g);
}

export function attributeEnglish(sentence: string, people: People, context: SentenceContext): SentenceSpeaker | null {
  const found = (m: RegExpExecArray, person: Person | null, cue: string, rule: Rule, how: MentionKind, mentionIndex: number): SentenceSpeaker | null => {
    if (!person) return null;
    const mention = m[mentionIndex]!;
    const at = m.index + m[0].indexOf(mention);
    people.noteForm(person, mention);
    return { person, cue, rule, mention, how, at, end: m.index + m[0].length };
  };
  const part = (honorific: string | undefined, word: string, m: RegExpExecArray, cue: string, rule: Rule, index: number) => {
    const person = people.byLatinPart(word);
    if (!person) {
      if (!EN_STOP.test(word)) context.unresolved(`${honorific ?? ''}${word}`.trim());
      return null;
    }
    latinGenderNote(people, person, honorific);
    return found(m, person, cue, rule, honorific?.trim() ? 'honorific+surname' : 'surname', index);
  };
  const candidates: SentenceSpeaker[] = [];
  const push = (s: SentenceSpeaker | null) => {
    if (s) candidates.push(s);
  };

  let m = EN_RE.saidRoleName.exec(sentence);
  if (m) push(found(m, introduceLatin(people, m[2]!, m[1]!.trim()), cueOf(m[0]), 'said its ROLE, NAME', 'name', 2));
  m = EN_RE.roleHonorificName.exec(sentence);
  if (m) {
    const person = m[3]!.includes(' ') ? introduceLatin(people, m[3]!, m[1]!.trim(), m[2]) : people.byLatinPart(m[3]!);
    if (person) latinGenderNote(people, person, m[2]);
    push(found(m, person, m[4]!, 'the ROLE, Mr NAME, said', 'name', 3));
  }
  m = EN_RE.saidName.exec(sentence);
  if (m) {
    if (m[2]!.includes(' ')) push(found(m, introduceLatin(people, m[2]!, m[3]?.trim() ?? null, m[1]?.trim()), cueOf(m[0]), 'said NAME', 'name', 2));
    else push(part(m[1], m[2]!, m, cueOf(m[0]), 'said NAME', 2));
  }
  m = EN_RE.nameSaid.exec(sentence);
  if (m) push(found(m, introduceLatin(people, m[2]!, m[3]?.trim() ?? leadTitle(m), m[1]?.trim()), m[4]!, 'NAME said', 'name', 2));
  m = EN_RE.nameWhoSaid.exec(sentence);
  if (m && !EN_STOP.test(m[2]!)) push(found(m, introduceLatin(people, m[2]!, null, m[1]?.trim()), m[3]!, 'NAME said', 'name', 2));
  m = EN_RE.accordingTo.exec(sentence);
  if (m) {
    if (m[2]!.includes(' ')) push(found(m, introduceLatin(people, m[2]!, m[3]?.trim() ?? null, m[1]?.trim()), 'according to', 'according to NAME', 'name', 2));
    else push(part(m[1], m[2]!, m, 'according to', 'according to NAME', 2));
  }
  m = EN_RE.partSaid.exec(sentence);
  if (m && !EN_STOP.test(m[2]!)) push(part(m[1], m[2]!, m, m[3]!, 'NAME said', 2));
  m = EN_RE.roleSaid.exec(sentence);
  if (m) {
    const person = people.byRole(m[1]!);
    if (person) push(found(m, person, m[2]!, 'the ROLE said', 'role', 1));
  }
  if (candidates.length > 0) return candidates.reduce((a, b) => (b.at < a.at ? b : a));

  m = EN_RE.pronounSaid.exec(sentence) ?? EN_RE.pronounStart.exec(sentence);
  if (m) {
    const person = context.pronoun(/^she$/i.test(m[1]!) ? 'female' : 'male');
    if (person) {
      const at = m.index + m[0].indexOf(m[1]!);
      return { person, cue: m[2] ?? m[1]!, rule: 'pronoun', mention: m[1]!, how: 'pronoun', at, end: m.index + m[0].length };
    }
  }
  return null;
}

/** The title written before the name a match found ("Commissioner for Digital Policy" Kelvin Tang). */
function leadTitle(m: RegExpExecArray): string | null {
  const before = m[0]
    .slice(0, m[0].indexOf(`${m[1] ?? ''}${m[2]}`))
    .replace(/^["”’,;\s]+/u, '')
    .replace(/^(?:and|but|while|as)\s+/u, '')
    .replace(/^[Tt]he\s+/u, '')
    .trim();
  return before || null;
}

function cueOf(text: string): string {
  return new RegExp(`\\b(?:${EN_CUES})\\b`).exec(text)?.[0] ?? 'said';
}
