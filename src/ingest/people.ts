/**
 * The people of a page: each person from their full mention (name, role as written, gender where
 * the text shows it), and every later mention resolved to one of them — a surname with a title or
 * a verb (陳司長, 陳又指), a role alone (財政司司長, the Financial Secretary), a nickname (財爺,
 * 波叔), an honorific and a surname (Mr Wong), a given name. A mention that fits nobody resolves
 * to nobody: a fragment of a name never becomes a person.
 */
import { fold } from '../text/fold.ts';
import { OFFICES, officeOf } from '../text/offices.ts';

export type Gender = 'male' | 'female';

export interface Person {
  /** The full name as first written (陳美玲, Margaret Ko Wai-man). */
  name: string;
  roles: string[];
  /** Every way the page referred to the person, as written. */
  forms: string[];
  /** Other names a reader could ask for them by: nicknames (數據哥, 添叔), a shorter English form. */
  aliases: string[];
  gender: Gender | null;
  /** Folded surname and given name (English names: as written). */
  surname: string;
  given: string;
  latin: boolean;
}

/** How a mention was resolved, for `inspect` to explain. */
export type MentionKind = 'name' | 'surname+title' | 'surname' | 'role' | 'nickname' | 'honorific+surname' | 'given name' | 'pronoun' | 'label';

export interface Resolved {
  person: Person;
  how: MentionKind;
}

// Compound surnames come first so 歐陽 is not read as 歐 + a given name.
export const COMPOUND_SURNAMES = ['歐陽', '司徒', '上官', '諸葛', '司馬', '夏侯', '皇甫', '尉遲', '公孫', '慕容', '東方', '令狐'].map(fold);

function splitChinese(name: string): { surname: string; given: string } {
  const folded = fold(name);
  const compound = COMPOUND_SURNAMES.find((s) => folded.startsWith(s) && folded.length > s.length + 0);
  const cut = compound && folded.length >= 3 ? compound.length : 1;
  return { surname: folded.slice(0, cut), given: folded.slice(cut) };
}

/**
 * English names: "Paul Wong" (surname last), and the Hong Kong form with the Chinese given name
 * after the surname, "Margaret Ko Wai-man" / "Ko Wai-man" (surname before the hyphenated name).
 */
function splitLatin(name: string): { surname: string; given: string } {
  const words = name.split(/\s+/);
  if (words.length >= 2 && /-/.test(words[words.length - 1]!)) {
    return { surname: words[words.length - 2]!, given: words.slice(0, -2).join(' ') || words[words.length - 1]! };
  }
  return { surname: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
}

// A character of the given name with a familiar suffix or prefix: 波叔, 玲姐, 強哥, 阿明.
const FAMILIAR = /^(?:(\p{Script=Han})(?:叔|姐|哥|嫂|伯|爺|爷|婆|仔|記|记)|阿(\p{Script=Han}))$/u;

export class People {
  private readonly byName = new Map<string, Person>();
  /** Order of introduction: ties among equally good candidates go to the most recent. */
  readonly all: Person[] = [];

  /**
   * `others`: the people of the corpus's other articles, asked only when this page has nobody
   * the mention could be (陳司長 in a report whose 陳茂波 another report introduced). Whoever is
   * found there becomes one of this page's people.
   */
  constructor(
    private readonly excluded: Set<string>,
    private readonly others: People | null = null,
  ) {}

  /** Asks the other articles' people, and adopts the one found. */
  private adopt(find: (others: People) => Person | null): Person | null {
    const found = this.others ? find(this.others) : null;
    if (!found) return null;
    const person = this.introduce(found.name, null, found.latin);
    if (!person) return null;
    for (const r of found.roles) this.addRole(person, r);
    if (found.gender) this.setGender(person, found.gender);
    return person;
  }

  isExcluded(name: string): boolean {
    return this.excluded.has(fold(name));
  }

  /** A person from a full mention; the same person again when the name is known. */
  introduce(name: string, role: string | null, latin = false): Person | null {
    const key = fold(name);
    if (this.excluded.has(key)) return null;
    let person = this.byName.get(key);
    if (!person && latin) person = this.fuller(name) ?? undefined;
    if (!person) {
      const parts = latin ? splitLatin(name) : splitChinese(name);
      person = { name, roles: [], forms: [name], aliases: [], gender: null, surname: parts.surname, given: parts.given, latin };
      this.byName.set(key, person);
      this.all.push(person);
      this.changed();
    }
    if (role) this.addRole(person, role);
    return person;
  }

  /**
   * "Margaret Ko" and "Margaret Ko Wai-man" are one person: the shorter form is the longer one's
   * words in order. The person keeps the fullest form as their name.
   */
  private fuller(name: string): Person | null {
    const words = name.split(/\s+/);
    const contains = (long: string[], short: string[]) => short.every((w) => long.includes(w)) && short.length < long.length;
    const match = unique(this.all.filter((p) => p.latin && (contains(p.name.split(/\s+/), words) || contains(words, p.name.split(/\s+/)))));
    if (!match) return null;
    this.byName.set(fold(name), match);
    this.changed();
    if (words.length > match.name.split(/\s+/).length) {
      match.aliases.push(match.name);
      match.name = name;
      Object.assign(match, splitLatin(name));
    }
    this.noteForm(match, name);
    return match;
  }

  addRole(person: Person, role: string): void {
    for (const r of role.split(/[、]/u).map((x) => x.trim())) if (r && !person.roles.includes(r)) person.roles.push(r);
  }

  /** Another name for a known person (an alias, another script). */
  alias(person: Person, form: string): void {
    if (form !== person.name && !person.aliases.includes(form)) person.aliases.push(form);
    if (!this.byName.has(fold(form))) {
      this.byName.set(fold(form), person);
      this.changed();
    }
    this.noteForm(person, form);
  }

  noteForm(person: Person, form: string): void {
    if (form && !person.forms.includes(form)) person.forms.push(form);
  }

  setGender(person: Person, gender: Gender): void {
    person.gender ??= gender;
  }

  get(name: string): Person | null {
    return this.byName.get(fold(name)) ?? null;
  }

  /** Every known full name, folded, longest first: for finding names anywhere in a clause. */
  knownNames(): string[] {
    this.names ??= [...this.byName.keys()].sort((a, b) => b.length - a.length);
    return this.names;
  }

  /** The person named first (`last`: last) in folded text, the longer name where two start together. */
  namedIn(folded: string, which: 'first' | 'last' = 'first'): Person | null {
    let best: { at: number; name: string } | null = null;
    for (const name of this.knownNames()) {
      const at = which === 'first' ? folded.indexOf(name) : folded.lastIndexOf(name);
      if (at >= 0 && (!best || (which === 'first' ? at < best.at : at > best.at))) best = { at, name };
    }
    return best ? this.get(best.name) : null;
  }

  /** The known names as one pattern, longest first (built again only when a name is added). */
  knownPattern(): RegExp | null {
    if (this.pattern === undefined) {
      const names = this.knownNames();
      this.pattern = names.length ? new RegExp(names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gu') : null;
    }
    return this.pattern;
  }
  private names: string[] | undefined;
  private pattern: RegExp | null | undefined;
  private changed(): void {
    this.names = undefined;
    this.pattern = undefined;
  }

  /** The one person with this surname (and, if given, a role ending in this title). */
  bySurname(surname: string, title?: string): Person | null {
    const s = fold(surname);
    const candidates = this.all.filter((p) => fold(p.surname) === s);
    if (candidates.length === 0) return this.adopt((o) => o.bySurname(surname, title));
    if (candidates.length <= 1 || !title) return unique(candidates);
    const t = fold(title);
    return unique(candidates.filter((p) => p.roles.some((r) => fold(r).endsWith(t) || fold(r).includes(t)))) ?? null;
  }

  /** The person holding a role, from the role as written (財政司司長, the financial secretary, 中聯辦). */
  byRole(role: string): Person | null {
    const r = fold(role)
      .replace(/^(?:the\s+)?(?:该|这位|这名|这个|那位|特区政府|政府|city['’]s|government['’]s|hong kong['’]s)?\s*/u, '')
      .trim();
    if (r.length < 2) return null;
    const holds = (p: Person) =>
      p.roles.some((x) => {
        const f = fold(x);
        return f === r || f.endsWith(r) || (r.length >= 3 && f.includes(r));
      });
    const direct = this.all.filter(holds);
    if (direct.length > 0) return unique(direct);
    const office = officeOf(r);
    const holders = office ? this.all.filter((p) => p.roles.some((x) => officeOf(fold(x)) === office)) : [];
    if (holders.length === 0) return this.adopt((o) => o.byRole(role));
    return unique(holders);
  }

  /** 財爺, 特首, 波叔, 阿明. */
  byNickname(nickname: string): Person | null {
    const n = fold(nickname);
    if (OFFICES.some((forms) => forms[0] === n)) return this.byRole(nickname);
    const familiar = FAMILIAR.exec(n);
    if (familiar) {
      const ch = familiar[1] ?? familiar[2]!;
      return unique(this.all.filter((p) => !p.latin && fold(p.given).includes(ch)));
    }
    return null;
  }

  /** "Margaret Ko" named later as "Margaret Ko Wai-man": the person takes the fuller form. */
  fillLatinNames(text: string): void {
    for (const person of this.all.filter((p) => p.latin)) {
      const fuller = new RegExp(`\\b${person.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+([A-Z][\\p{Ll}]+-[\\p{Ll}]+)\\b`, 'u').exec(text);
      if (fuller) this.introduce(`${person.name} ${fuller[1]}`, null, true);
    }
  }

  /** An English surname or given name standing alone, or after an honorific. */
  byLatinPart(part: string): Person | null {
    const candidates = this.all.filter((p) => p.latin && (p.surname === part || p.given.split(/\s+/).includes(part)));
    if (candidates.length === 0) return this.adopt((o) => o.byLatinPart(part));
    return unique(candidates);
  }
}

// Given names the text does not gender: a reader's guess from the name itself, used only to
// choose between people for 他/她, he/she when the text shows no gender (never stored).
const FEMALE_GIVEN_CHARS = new Set(
  [
    ...'美玲麗丽芳婷娟燕萍慧敏靜静秀霞琳珊娜莉蓮莲倩怡欣詩诗雯瑩莹穎颖潔洁嫻娴淑佩鳳凤琪瑤瑶薇婉璇蕙蓉姿妍妙嬌娇娥媛貞贞翠紅红艷艳雪蘭兰菊愛爱彩晶儀仪瑜茵綺绮蕾琴嫣姍姗妮娉婕婧嬋婵黛蘊蕴韻韵卿湘菁蔚霏',
  ].map((c) => fold(c)),
);
const MALE_GIVEN_CHARS = new Set([...'強强偉伟剛刚軍军雄傑杰峰濤涛斌勇輝辉鋒锋彪龍龙虎豪鵬鹏健毅俊武兵權权宏超勁劲飛飞翔浩坤棟栋樑梁銘铭耀鴻鸿國国邦輝'].map((c) => fold(c)));
const FEMALE_NAMES = new Set(
  'Mary Margaret Sandra Grace Helen Winnie Jane Natalie Alice Anna Annie Agnes Amy Angela Betty Carol Carrie Catherine Cathy Cecilia Christine Cindy Claire Daisy Deborah Diana Doris Eliza Elizabeth Ella Emily Emma Esther Eva Fiona Florence Gloria Hannah Irene Iris Jacqueline Janet Jennifer Jessica Joanna Josephine Joyce Judy Julia Karen Kate Katherine Kitty Laura Lily Linda Lisa Lucy Maggie Maria Martha Michelle Nancy Nora Olivia Pamela Patricia Peggy Phoebe Priscilla Queenie Rachel Regina Rebecca Rita Rose Ruby Ruth Sally Samantha Sarah Selina Sharon Shirley Sophia Sophie Stella Susan Sylvia Teresa Tiffany Vanessa Vera Veronica Victoria Vivian Wendy Yvonne Zoe Bernadette Ada Ivy Jasmine Louisa Mabel Miranda Monica Natasha Pauline Rosanna Tracy Clara Stella Kelly Cherry Candy Carmen Connie Elaine Eunice Fanny Gigi Jenny Mandy Rosa Sandy Tina Vicky Bonnie Christina Debbie Heidi Janice Jessie Lucia May Olive Polly Renee Sabrina Venus Irene Jade Joanne Kathy Lauren Lorraine Melody Mimi Nicole Serena Shirley Winky Yoyo Cynthia Anita Alison Cecily Eva Emma Hazel'.split(
    ' ',
  ),
);
const MALE_NAMES = new Set(
  'Paul Peter John James Michael David Daniel Richard Robert Ronald Alfred Stanley Joseph Thomas William Charles Henry George Edward Frank Francis Gary Howard Jack Jason Jeffrey Kenneth Kevin Lawrence Leo Martin Matthew Nicholas Patrick Philip Raymond Samuel Simon Stephen Steven Timothy Tony Victor Vincent Walter Wilson Albert Andrew Anthony Benjamin Bernard Brian Calvin Christopher Dennis Derek Eric Felix Gordon Harry Ivan Jimmy Johnny Jonathan Keith Kelvin Ken Larry Louis Mark Nelson Norman Oscar Patrick Ricky Roger Roy Sam Terence Tom Wilfred Winston Alan Allen Ben Billy Bruce Carl Dominic Edmund Frederick Herbert Isaac Jerry Joe Justin Kenny Lewis Max Neil Oliver Ray Rex Ryan Sean Tommy Adam Alex Arthur Chris Colin Desmond Donald Douglas Duncan Elvis Ernest Gilbert Hugo Ian Jacky Joshua Kelvin Martin Eric Jason Wilson Alvin Edwin Gavin Kwok Leslie Marvin Melvin Nathan Owen Quentin Stanley Sunny Wallace Horace Ivan Aaron Abraham Byron Dickson Dixon Eddie Elton Franklin Hector Jackson Jerome Kenny Lester Lincoln Lionel Maurice Morgan Newton Patrick Ronnie Rudy Spencer Sidney Terry Travis Vernon Warren Wayne Zachary'.split(
    ' ',
  ),
);

/** The gender a reader would guess from the given name alone, or null. */
export function likelyGender(person: Person): Gender | null {
  if (person.latin) {
    const first = person.given.split(/\s+/)[0] ?? '';
    return FEMALE_NAMES.has(first) ? 'female' : MALE_NAMES.has(first) ? 'male' : null;
  }
  const chars = [...person.given];
  const female = chars.filter((c) => FEMALE_GIVEN_CHARS.has(c)).length;
  const male = chars.filter((c) => MALE_GIVEN_CHARS.has(c)).length;
  return female > male ? 'female' : male > female ? 'male' : null;
}

function unique(people: Person[]): Person | null {
  return people.length === 1 ? people[0]! : null;
}
