/**
 * The domain model every other part speaks: what the ingester produces from a raw page and
 * what search and the commands read. Plain data, so a corpus can be saved, logged and compared.
 */

export type Language = 'zh-Hant' | 'zh-Hans' | 'en';

export interface ArticleMeta {
  /** Stable id, from the sidecar or the file name; unique in a corpus. */
  id: string;
  title: string;
  source: string;
  /** ISO date (YYYY-MM-DD) of publication, or null when neither sidecar nor text gives one. */
  date: string | null;
  language: Language;
  url?: string;
  /** Who added the report with /corpus add, and when (ISO time), from its sidecar. */
  added?: { by: string; at: string };
  /** File the article was read from, relative to the corpus folder. */
  file: string;
}

export type PassageKind = 'headline' | 'subhead' | 'caption' | 'body' | 'list-item' | 'table-title';

/**
 * How the speaker of a passage was found:
 * - `intro`: the sentence names the speaker before a speech cue (梁振英指出, "…," Jane Doe said).
 * - `pronoun`: a 他/她 (he/she) clause continuing the person last speaking in the story.
 * - `continued`: a later sentence of a paragraph whose speaker was named earlier in it.
 * - `headline`: a headline quote, `NAME：…`.
 * - `list`: an item of a list presented by the person whose sentence refers to it (（見表）).
 * - `quote`: a sentence inside a quotation whose speaker is named at one end of it, or, for a
 *   quotation opening a paragraph, the person speaking before it.
 * - `answer`: an interview's answer (答：, A:, 陳：) and the paragraphs after it.
 * - `speech`: a paragraph of a speech or first-person release (致辭全文, "Speech by …").
 * - `enumeration`: an item (一是……, "First, …") of an enumeration the speaker announced.
 */
export type AttributionKind = 'intro' | 'pronoun' | 'continued' | 'headline' | 'list' | 'quote' | 'answer' | 'speech' | 'enumeration';

export interface Attribution {
  /** Canonical speaker name (see Speaker.name). */
  speaker: string;
  /** The speech cue as written (表示, 指出, said, ：…). */
  cue: string;
  kind: AttributionKind;
  /** Why: the rule that found the speaker, in words (shown by `inspect`). */
  rule?: string;
  /** The words that named the speaker, as written (陳司長, Mr Wong, 她). */
  mention?: string;
}

export interface Passage {
  /** `${articleId}#${n}`, n counting passages of the article from 1. */
  id: string;
  articleId: string;
  storyId: string;
  kind: PassageKind;
  /** Index of the paragraph (block) in the article, shared by the sentences of one paragraph. */
  paragraph: number;
  /** Verbatim text: a substring of the source once layout breaks are removed. */
  text: string;
  /** 1-based line of the source where the passage's paragraph starts. */
  line: number;
  attribution: Attribution | null;
  /** Set on the last passage of a paragraph that the page cut off mid-sentence. */
  truncated?: true;
  /** Set on list items and table titles. */
  listId?: string;
  /**
   * What the page prints between the sentence before in the paragraph and this one, when
   * anything (the space between two English sentences): a body paragraph is its passages joined
   * with these, character for character.
   */
  spaceBefore?: string;
}

export interface Story {
  id: string;
  articleId: string;
  /** Main headline, or null when the page gives none for this report. */
  headline: string | null;
  /** Every headline line that opened the story (main headline and subtitle). */
  headlines: string[];
  reporters: string[];
  photographers: string[];
}

export interface Speaker {
  /** Canonical name: the form the speaker was first written in. */
  name: string;
  /** Roles as written in the text (全國政協副主席, Chief Executive of Fictional Corp). */
  roles: string[];
  /** Other names: other scripts, English names from the aliases file. */
  aliases: string[];
  /** Where the text shows it (她, 女士, she, Ms). */
  gender?: 'male' | 'female';
}

/** A person of one article as the ingester understood them, for `inspect`. */
export interface PersonSummary {
  name: string;
  /** Every way the article referred to them, as written. */
  forms: string[];
  roles: string[];
  gender: 'male' | 'female' | null;
  /** Passages attributed to them. */
  passages: number;
}

export interface TrendList {
  id: string;
  articleId: string;
  storyId: string;
  title: string | null;
  /** Passage ids of the items, in their order. */
  items: string[];
  /** Person who presented the list, from the sentence that refers to it (（見表）), or null. */
  source: string | null;
}

export type FigureMeasure = 'percent' | 'currency' | 'count';

/** ISO 4217 codes of the currencies the reports name. */
export type Currency = 'HKD' | 'USD' | 'CNY' | 'EUR' | 'GBP' | 'JPY';

export interface Figure {
  id: string;
  passageId: string;
  /** The figure as written, with its qualifier and unit: 逾4.2萬宗, 1,060億美元, 80%. */
  text: string;
  /** Numeric value with its magnitude applied (逾350億 -> 35000000000); a share in percent (80% -> 80). */
  value: number;
  /** Unit as written after the number and magnitude (宗, 美元, %, people), or '' when none. */
  unit: string;
  /** Qualifier as written (逾, 超過, 多, more than), or '' when none. */
  qualifier: string;
  /** What the number measures: a share (%, 成, 百分之, per cent, two-thirds), money, or else a count. */
  measure: FigureMeasure;
  /** The currency when the text names it (港元, US$, 人民幣); undefined for 元 or $ alone. */
  currency?: Currency;
  /** Offset of the figure in its passage's text. */
  start: number;
}

export interface Warning {
  file: string;
  line?: number;
  /** Set on a mention that resolved to nobody: the loader reads such an article again with the
   * people of the other articles. */
  code?: 'unresolved-mention';
  message: string;
}

export interface Article {
  meta: ArticleMeta;
  stories: Story[];
  passages: Passage[];
  speakers: Speaker[];
  /** Everyone the article names as speaking or introduces with a title, quoted or not. */
  people: PersonSummary[];
  lists: TrendList[];
  figures: Figure[];
  warnings: Warning[];
}
