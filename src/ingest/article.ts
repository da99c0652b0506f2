/**
 * Ingest one raw page: blocks, layout repair, stories, then the passages with their speakers,
 * the lists with their source, and the figures.
 *
 * Attribution runs over the discourse, not only sentence by sentence (see attribution.ts for the
 * sentence rules). Within a story:
 * - a quotation is one span, even over several paragraphs (each continued paragraph opens with 「
 *   or “ and only the last one closes); every sentence inside it is the speaker's who is named
 *   before it, after it, or, for a quotation opening a paragraph, the one speaking just before;
 * - an interview's answers (答：, A:, 陳：, Wong:) are the interviewee's, paragraphs after an
 *   answer too, until the next question (問：, Q:, 記者：);
 * - a speech or a release in the first person (致辭全文, "Following is the speech by …") is the
 *   speaker's from the lead to the end of the story;
 * - the items of an enumeration (一是……, 第二，…, "First, …") continue the speaker announcing it;
 * - 他/她, he/she is the nearest person of that gender. Gender comes from the text (女士, Ms, and
 *   a pronoun right after a person named alone), so the page is read twice: once to learn it,
 *   once to attribute.
 * Every attribution records its rule and the mention it resolved, for `inspect` to explain.
 */
import type { Article, ArticleMeta, Attribution, AttributionKind, Figure, Passage, PassageKind, PersonSummary, Speaker, Story, TrendList, Warning } from '../model.ts';
import { fold, hanShare } from '../text/fold.ts';
import { sentenceSpans, type Span } from '../text/sentences.ts';
import {
  attributeChinese,
  attributeEnglish,
  discoverChinese,
  discoverEnglish,
  headlineQuote,
  introduceLatin,
  looksLikeChineseName,
  titledPerson,
  type SentenceContext,
  type SentenceSpeaker,
} from './attribution.ts';
import { parseBlocks } from './blocks.ts';
import { findFigures } from './figures.ts';
import { repairLayout, type RepairedBlock } from './layout.ts';
import { People, likelyGender, type Gender, type Person } from './people.ts';
import { groupStories, type StoryDraft } from './stories.ts';

// A sentence pointing at a table: （見表）, （見附表）, (see table).
const SEE_TABLE = /[（(]\s*(?:見|见|詳見|详见)?(?:附)?表\s*[）)]|\(see (?:table|chart|box)\)/iu;
const QUESTION_LABEL = /^(?:問|问|記者|记者|本報|本报|Q|Question|Reporter)\s*[：:]\s*/u;
const ANSWER_LABEL = /^(?:答|A|Answer)\s*[：:]\s*/u;
const NAME_LABEL = /^((?:\p{Script=Han}){1,4}|(?:[A-Z][\p{Ll}'’-]+\s){0,2}[A-Z][\p{Ll}'’-]+)\s*[：:]\s*(?=\S)/u;
// The item of an enumeration: 一是, 第二，, 其三, 首先, (1), 1., First, Second, Finally.
const ENUMERATOR =
  /^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,、是：:]?|其[一二三四五六七八九十][，,、]|首先|其次|再者|再次|最後|最后|另外|[一二三四五六七八九十][、．.]|[（(][一二三四五六七八九十\d][）)]|\d{1,2}[.、．)]|——|(?:First|Second|Third|Fourth|Fifth|Firstly|Secondly|Thirdly|Finally|Lastly|The (?:first|second|third|fourth|fifth|last))\b)/u;
// A paragraph opening like this is the reporter's, not a continued answer.
const NARRATIVE_OPENING = /^(?:據悉|据悉|據了解|据了解|據報|据报|記者|记者|訪問結束|访问结束|採訪結束|采访结束|Asked|When asked|The interview)/u;
const SPEECH_HEADLINE =
  /致辭全文|致辞全文|致辭\s*[（(]|致辞\s*[（(]|演辭|演辞|講辭|讲辞|發言全文|发言全文|講話全文|讲话全文|演講全文|演讲全文|^(?:Speech|Remarks|Opening remarks|Keynote speech|Keynote address|Address) by\b|\bspeech by\b/iu;
const SPEECH_LEAD_ZH = /^以下(?:是|為|为)(.{2,60}?)(?:今日|昨日|今天|在|於|于|出席)/u;
const SPEECH_LEAD_EN =
  /^Following (?:is|are) the (?:speech|remarks|opening remarks|keynote speech|address|transcript of remarks)(?: delivered)? by (?:the )?(.{2,120}?),\s*(Mr|Ms|Mrs|Miss|Dr|Professor|Prof|Sir)\.?\s+([A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+){0,4})/u;
const OPENERS: Record<string, string> = { '「': '」', '『': '』', '“': '”', '"': '"' };
// A span holding speech, not a quoted term: sentence or clause punctuation inside it.
const SPEECH_PUNCT = /[。！？!?，,；;：:….]/u;

interface SentenceRecord {
  passage: Passage;
  /** Offsets of the sentence in its paragraph. */
  span: Span;
  found: SentenceSpeaker | null;
}

interface QuoteSpan {
  /** Paragraph index within the story's body paragraphs, offset of the opening mark. */
  from: { p: number; at: number };
  to: { p: number; at: number };
}

/**
 * `others`: the people of the corpus's other articles, for mentions this page cannot resolve
 * itself (see People).
 */
export function ingestArticle(source: string, meta: ArticleMeta, others: PersonSummary[] = []): Article {
  const blocks = repairLayout(parseBlocks(source));
  const drafts = groupStories(blocks);
  const english = hanShare(source) < 0.3;

  const excluded = new Set<string>();
  for (const d of drafts) for (const n of [...d.reporters, ...d.photographers]) excluded.add(fold(n));
  const people = new People(excluded, others.length > 0 ? peopleOf(others) : null);

  // Pass one: learn who is who from titled introductions anywhere on the page, so a name used
  // bare before its introduction (陳茂波又指 … 財政司司長陳茂波) is still recognised.
  for (const d of drafts)
    for (const { block } of d.blocks)
      for (const span of sentenceSpans(block.text)) {
        const sentence = block.text.slice(span.start, span.end);
        if (english) discoverEnglish(sentence, people);
        else discoverChinese(sentence, people);
      }

  // Read once to learn genders (and the fullest form of each name), then for good.
  const foldedPage = fold(source);
  readPage(drafts, meta, people, english, foldedPage, true);
  if (english) people.fillLatinNames(source);
  return readPage(drafts, meta, people, english, foldedPage, false);
}

function readPage(drafts: StoryDraft[], meta: ArticleMeta, people: People, english: boolean, foldedPage: string, learning: boolean): Article {
  const warnings: Warning[] = [];
  const stories: Story[] = drafts.map((d) => ({
    id: `${meta.id}/s${d.index + 1}`,
    articleId: meta.id,
    headline: d.headlines[0] ?? null,
    headlines: d.headlines,
    reporters: d.reporters,
    photographers: d.photographers,
  }));
  const passages: Passage[] = [];
  const lists: TrendList[] = [];
  const figures: Figure[] = [];
  const listSources: { passageIndex: number; speaker: string | null }[] = [];
  const announced = new Map<string, string>();
  const unresolved = new Map<string, number>();
  let paragraph = 0;

  const push = (p: Omit<Passage, 'id' | 'articleId'>) => {
    const passage: Passage = { id: `${meta.id}#${passages.length + 1}`, articleId: meta.id, ...p };
    passages.push(passage);
    return passage;
  };
  const attribution = (person: Person, cue: string, kind: AttributionKind, rule: string, mention?: string): Attribution => ({
    speaker: person.name,
    cue,
    kind,
    rule,
    ...(mention ? { mention } : {}),
  });

  for (const [s, draft] of drafts.entries()) {
    const story = stories[s]!;
    // Most recent first: who 他/她 may stand for.
    const recent: Person[] = [];
    const mentioned = (person: Person) => {
      const i = recent.indexOf(person);
      if (i >= 0) recent.splice(i, 1);
      recent.unshift(person);
    };
    let lineOfSentence = 0;
    const context: SentenceContext = {
      // The nearest person who may be of that gender: the text's word on it first, then what
      // the given name suggests.
      // 她 is marked: a woman the text or the name shows, before a nearer person of unknown
      // gender; 他 is the nearest person who is not known to be a woman.
      pronoun: (gender: Gender) =>
        gender === 'female'
          ? (recent.find((p) => (p.gender ?? likelyGender(p)) === 'female') ?? recent.find((p) => (p.gender ?? likelyGender(p)) === null) ?? null)
          : (recent.find((p) => (p.gender ?? likelyGender(p)) !== 'female') ?? null),
      unresolved: (mention) => {
        if (!unresolved.has(mention)) unresolved.set(mention, lineOfSentence);
      },
      occurrences: (folded) => foldedPage.split(folded).length - 1,
    };
    const attribute = (text: string) => (english ? attributeEnglish(text, people, context) : attributeChinese(text, people, context));
    const bumpNames = (text: string) => {
      const folded = fold(text);
      const hits = people.knownNames().flatMap((n) => {
        const at = folded.indexOf(n);
        return at >= 0 ? [{ at, person: people.get(n)! }] : [];
      });
      for (const h of hits.sort((a, b) => a.at - b.at)) mentioned(h.person);
    };

    // Headlines first: an interview's headline names the interviewee.
    const headlineQuotes = new Map<RepairedBlock, ReturnType<typeof headlineQuote>>();
    for (const { block } of draft.blocks) if (block.kind === 'headline' && !block.tableTitle) headlineQuotes.set(block, headlineQuote(block.text, people));
    const bodyBlocks = draft.blocks.filter((b) => b.block.kind === 'paragraph').map((b) => b.block);
    const interview = readInterview(bodyBlocks, people);
    const storyText = bodyBlocks.map((b) => b.text).join('\n');
    const speech = readSpeech(draft, people, english);
    let interviewee: Person | null = [...headlineQuotes.values()].find((q) => q?.person)?.person ?? null;
    if (interview && !interviewee) {
      // Named in the lead: the first person the story introduces.
      for (const b of bodyBlocks) {
        if (QUESTION_LABEL.test(b.text) || ANSWER_LABEL.test(b.text)) break;
        interviewee = people.namedIn(fold(b.text));
        if (interviewee) break;
      }
    }
    const spans = quoteSpans(
      bodyBlocks.map((b) => b.text),
      english,
    );

    let currentList: TrendList | null = null;
    const headlinePassages: { passage: Passage; block: RepairedBlock }[] = [];
    let bodyIndex = -1;
    let answering: Person | null = null;
    let inSpeech = false;
    let previousParagraph: SentenceRecord[] = [];
    const paragraphRecords: SentenceRecord[][] = [];

    for (const { block, role } of draft.blocks) {
      if (block.kind === 'footer' || block.kind === 'dateline') continue;
      paragraph++;
      if (block.kind !== 'list-item') currentList = null;
      if (block.kind === 'headline') {
        const kind: PassageKind = block.tableTitle ? 'table-title' : role === 'headline' ? 'headline' : 'subhead';
        const passage = push({ storyId: story.id, kind, paragraph, text: block.text, line: block.line, attribution: null });
        if (block.tableTitle) {
          currentList = { id: `${meta.id}/l${lists.length + 1}`, articleId: meta.id, storyId: story.id, title: block.text, items: [], source: null };
          lists.push(currentList);
          passage.listId = currentList.id;
        } else headlinePassages.push({ passage, block });
        addFigures(passage);
        continue;
      }
      if (block.kind === 'list-item') {
        if (!currentList) {
          currentList = { id: `${meta.id}/l${lists.length + 1}`, articleId: meta.id, storyId: story.id, title: null, items: [], source: null };
          lists.push(currentList);
          // A list straight after a speaker's sentence ending in a colon is theirs (三點建議：).
          const last = previousParagraph[previousParagraph.length - 1];
          if (last?.passage.attribution && /[：:]$/u.test(last.passage.text)) announced.set(currentList.id, last.passage.attribution.speaker);
        }
        const passage = push({ storyId: story.id, kind: 'list-item', paragraph, text: block.text, line: block.line, attribution: null, listId: currentList.id });
        currentList.items.push(passage.id);
        addFigures(passage);
        continue;
      }
      const kind: PassageKind = block.kind === 'caption' ? 'caption' : 'body';
      const records: SentenceRecord[] = [];
      lineOfSentence = block.line;

      if (kind === 'caption') {
        // A caption speaks for itself; it does not continue or set the story's current speaker.
        for (const span of sentenceSpans(block.text)) {
          const text = block.text.slice(span.start, span.end);
          const found = english ? attributeEnglish(text, people, NO_PRONOUNS) : attributeChinese(text, people, NO_PRONOUNS);
          const passage = push({ storyId: story.id, kind, paragraph, text, line: block.line, attribution: found ? attribution(found.person, found.cue, 'intro', found.rule, found.mention) : null });
          finish(passage, block, span, sentenceSpans(block.text));
        }
        continue;
      }

      bodyIndex++;
      const sentenceList = sentenceSpans(block.text);
      // The paragraph's own label: a question, an answer, a speaker's name (陳：…).
      let labelSpeaker: Person | null = null;
      let question = false;
      if (interview) {
        if (QUESTION_LABEL.test(block.text)) {
          question = true;
          answering = null;
        } else if (ANSWER_LABEL.test(block.text)) labelSpeaker = interviewee;
        else {
          const label = NAME_LABEL.exec(block.text);
          const person = label ? resolveLabel(label[1]!, people, storyText) : null;
          if (person) labelSpeaker = person;
          else if (answering && /[？?]$/u.test(block.text) && block.text.length < 200) {
            question = true;
            answering = null;
          } else if (answering && (fold(block.text).includes(fold(answering.name)) || NARRATIVE_OPENING.test(block.text))) {
            // The interviewee named in the third person, or 據悉…: the reporter writing again.
            answering = null;
          }
        }
        if (labelSpeaker) answering = labelSpeaker;
      }
      if (speech && bodyIndex === speech.leadIndex) inSpeech = true;

      // Who speaks every sentence of this paragraph, in a speech or an interview's answer.
      const speaking =
        inSpeech && speech && bodyIndex > speech.leadIndex
          ? { person: speech.speaker, cue: speech.cue, kind: 'speech' as const, rule: `every paragraph of the speech "${speech.title}"`, mention: speech.mention }
          : interview && answering && !question
            ? {
                person: answering,
                cue: labelSpeaker ? (NAME_LABEL.exec(block.text) ?? ANSWER_LABEL.exec(block.text))?.[0].trim() || '答' : '答',
                kind: 'answer' as const,
                rule: labelSpeaker ? 'an answer in the interview' : 'an answer continued from the paragraph before',
                mention: answering.name,
              }
            : null;
      let sentenceEnd = 0;
      for (const span of sentenceList) {
        const text = block.text.slice(span.start, span.end);
        // What lies between this sentence and the one before (a space between English sentences):
        // kept so the paragraph can be shown again as printed (see corpus/context.ts).
        const spaceBefore = block.text.slice(sentenceEnd, span.start);
        sentenceEnd = span.end;
        let found: SentenceSpeaker | null = null;
        let attr: Attribution | null = null;
        if (question) {
          // The reporter asks: nobody quoted.
        } else if (speaking) {
          // A speech or an answer may quote someone else by name: 我很記得專員張穎詩說：「…」.
          const other = attribute(text);
          if (other && (other.rule === 'name before cue' || other.rule === 'title+name before cue') && other.person !== speaking.person && /[「“"]/u.test(text.slice(other.end))) {
            found = other;
            attr = attribution(other.person, other.cue, 'intro', `${other.rule}, quoted by ${speaking.person.name}`, other.mention);
          } else attr = attribution(speaking.person, speaking.cue, speaking.kind, speaking.rule, speaking.mention);
        } else {
          found = attribute(text);
          if (found) attr = attribution(found.person, found.cue, found.how === 'pronoun' ? 'pronoun' : 'intro', found.rule, found.mention);
        }
        const passage = push({ storyId: story.id, kind, paragraph, text, line: block.line, attribution: attr, ...(spaceBefore ? { spaceBefore } : {}) });
        records.push({ passage, span, found });
        if (found) {
          if (learning) learnGender(found, records.slice(0, -1), people, text);
          bumpNames(text.slice(0, found.at));
          mentioned(found.person);
        } else if (attr) {
          const person = people.get(attr.speaker);
          if (person) mentioned(person);
        } else bumpNames(text);
        finish(passage, block, span, sentenceList);
      }
      paragraphRecords.push(records);

      // Quotations ending in this paragraph: every sentence inside is the speaker's named at
      // either end of the quotation (or, opening a paragraph, the one speaking before it).
      for (const q of spans.filter((x) => x.to.p === bodyIndex)) {
        const inside = (r: SentenceRecord, p: number) => (p > q.from.p || r.span.end > q.from.at) && (p < q.to.p || r.span.start <= q.to.at);
        const opening = paragraphRecords[q.from.p]?.find((r) => r.span.start <= q.from.at && q.from.at < r.span.end);
        const closingIndex = paragraphRecords[q.to.p]?.findIndex((r) => r.span.start <= q.to.at && q.to.at < r.span.end) ?? -1;
        const closing = paragraphRecords[q.to.p]?.[closingIndex];
        const after = paragraphRecords[q.to.p]?.[closingIndex + 1];
        let speaker: { person: Person; cue: string; rule: string } | null = null;
        const named = (r: SentenceRecord | undefined, test: (at: number) => boolean) => (r?.found && r.found.how !== 'pronoun' ? test(r.span.start + r.found.at) : false);
        if (opening && named(opening, (at) => at < q.from.at)) speaker = { person: opening.found!.person, cue: opening.found!.cue, rule: 'a quotation of the speaker named before it' };
        else if (closing && named(closing, (at) => at > q.to.at)) speaker = { person: closing.found!.person, cue: closing.found!.cue, rule: 'a quotation of the speaker named after it' };
        else if (closing && !closing.found && namesFirst(after, q.to.at)) speaker = { person: after.found.person, cue: after.found.cue, rule: 'a quotation of the speaker named after it' };
        else if (opening?.found) speaker = { person: opening.found.person, cue: opening.found.cue, rule: 'a quotation of the speaker named before it' };
        else if (closing?.found) speaker = { person: closing.found.person, cue: closing.found.cue, rule: 'a quotation of the speaker named after it' };
        else if (namesFirst(after, q.to.at)) speaker = { person: after.found.person, cue: after.found.cue, rule: 'a quotation of the speaker named after it' };
        else if (q.from.at === 0 && q.from.p > 0) {
          const before = lastAttributed(paragraphRecords[q.from.p - 1] ?? []);
          const person = before ? people.get(before.speaker) : null;
          if (person) speaker = { person, cue: before!.cue, rule: 'a quotation opening a paragraph, continuing the speaker before it' };
        }
        if (!speaker) continue;
        for (let p = q.from.p; p <= q.to.p; p++) {
          for (const r of paragraphRecords[p] ?? []) {
            if (!inside(r, p) || r.found || r.passage.attribution?.kind === 'speech' || r.passage.attribution?.kind === 'answer') continue;
            r.passage.attribution = attribution(speaker.person, speaker.cue, 'quote', speaker.rule, speaker.person.name);
          }
        }
        mentioned(speaker.person);
      }

      // An enumeration's item continues the speaker announcing it (他提出三點建議：/ 一是……).
      if (!records[0]?.passage.attribution && ENUMERATOR.test(block.text)) {
        const before = lastAttributed(previousParagraph);
        const person = before ? people.get(before.speaker) : null;
        if (person && records[0]) {
          records[0].passage.attribution = attribution(person, before!.cue, 'enumeration', 'an item of the enumeration the speaker announced', person.name);
          mentioned(person);
        }
      }
      // Later sentences of a paragraph whose speaker was named earlier in it.
      let current: Attribution | null = null;
      for (const r of records) {
        if (r.passage.attribution) current = r.passage.attribution;
        else if (current)
          r.passage.attribution = {
            speaker: current.speaker,
            cue: current.cue,
            kind: 'continued',
            rule: 'a later sentence of the paragraph',
            ...(current.mention ? { mention: current.mention } : {}),
          };
      }
      previousParagraph = records;
    }

    // Headline quotes: NAME：… is that person; a role word (專家：…) the story's first speaker.
    const firstSpeaker = passages.find((p) => p.storyId === story.id && p.attribution && p.kind === 'body')?.attribution?.speaker ?? null;
    for (const { passage, block } of headlinePassages) {
      const quote = headlineQuotes.get(block);
      if (!quote) {
        // 倡商業數據通伸延至大灣區: a headline that opens with the verb is the story's speaker's.
        // (促 as in urging, not 促進 promoting or 促成 bringing about.)
        const verb = /^(?:倡|促(?![進进成使])|籲|吁|冀)/u.exec(block.text);
        if (verb && firstSpeaker) passage.attribution = { speaker: firstSpeaker, cue: verb[0], kind: 'headline', rule: "a headline opening with a verb of proposing: the story's first speaker" };
        continue;
      }
      const speaker = quote.person?.name ?? firstSpeaker;
      if (speaker)
        passage.attribution = {
          speaker,
          cue: quote.colon,
          kind: 'headline',
          rule: quote.person ? 'a headline quote naming the speaker' : "a headline quote by role: the story's first speaker",
          mention: quote.label,
        };
    }
  }

  // Lists take their source from the sentence that points at them, nearest first, else from the
  // speaker announcing them.
  for (const list of lists) {
    const firstItem = passages.findIndex((p) => p.id === list.items[0]);
    const ref = [...listSources].sort((a, b) => Math.abs(a.passageIndex - firstItem) - Math.abs(b.passageIndex - firstItem))[0];
    const source = ref?.speaker ?? announced.get(list.id) ?? null;
    if (source) {
      list.source = source;
      const rule = ref?.speaker ? 'an item of the list the speaker refers to (見表)' : 'an item of the list the speaker announced';
      for (const p of passages) if (p.listId === list.id) p.attribution = { speaker: source, cue: ref?.speaker ? '見表' : '：', kind: 'list', rule };
      if (ref?.speaker) listSources.splice(listSources.indexOf(ref), 1);
    } else {
      warnings.push({ file: meta.file, line: passages[firstItem]?.line, message: `list "${list.title ?? list.id}" has no source: no sentence refers to it (見表)` });
    }
  }
  for (const [mention, line] of unresolved) {
    if (!people.all.some((p) => p.forms.includes(mention)))
      warnings.push({
        file: meta.file,
        line,
        code: 'unresolved-mention',
        message: `"${mention}" looks like a person speaking, but names nobody known on the page or in the corpus: left without a speaker`,
      });
  }

  function finish(passage: Passage, block: RepairedBlock, span: Span, all: Span[]) {
    if (block.truncated && span === all[all.length - 1]) {
      passage.truncated = true;
      warnings.push({ file: meta.file, line: block.line, message: `paragraph cut off at the end: …${passage.text.slice(-16)}` });
    }
    if (SEE_TABLE.test(passage.text)) listSources.push({ passageIndex: passages.length - 1, speaker: passage.attribution?.speaker ?? null });
    addFigures(passage);
  }

  function addFigures(passage: Passage) {
    // The first reading only learns genders; figures come from the second.
    if (learning) return;
    for (const f of findFigures(passage.text)) {
      figures.push({ id: `${passage.id}.f${figures.filter((x) => x.passageId === passage.id).length + 1}`, passageId: passage.id, ...f });
    }
  }

  // A (見表) reference is looked up after the whole page: the sentence's speaker may come later.
  for (const ref of listSources) ref.speaker = passages[ref.passageIndex]?.attribution?.speaker ?? null;

  // A name may have grown to its fullest form since the passage was read (Margaret Ko → Margaret
  // Ko Wai-man): every attribution carries the person's final name.
  for (const p of passages) if (p.attribution) p.attribution.speaker = people.get(p.attribution.speaker)?.name ?? p.attribution.speaker;
  for (const l of lists) if (l.source) l.source = people.get(l.source)?.name ?? l.source;

  const count = new Map<string, number>();
  for (const p of passages) if (p.attribution) count.set(p.attribution.speaker, (count.get(p.attribution.speaker) ?? 0) + 1);
  const speakers: Speaker[] = [];
  const summary: PersonSummary[] = [];
  for (const person of people.all) {
    const n = count.get(person.name) ?? 0;
    summary.push({ name: person.name, forms: person.forms, roles: person.roles, gender: person.gender, passages: n });
    if (n > 0) speakers.push({ name: person.name, roles: person.roles, aliases: [...person.aliases], ...(person.gender ? { gender: person.gender } : {}) });
  }
  return { meta, stories, passages, speakers, people: summary, lists, figures, warnings };
}

/** A registry of people as other articles summed them up. */
function peopleOf(summaries: PersonSummary[]): People {
  const people = new People(new Set());
  for (const s of summaries) {
    const person = people.introduce(s.name, null, !/\p{Script=Han}/u.test(s.name));
    if (!person) continue;
    for (const r of s.roles) people.addRole(person, r);
    if (s.gender) people.setGender(person, s.gender);
  }
  return people;
}

const NO_PRONOUNS: SentenceContext = { pronoun: () => null, unresolved: () => {}, occurrences: () => 0 };

/** The sentence right after a quotation names its speaker in its first clause: 」前海研究院院長周志遠說。 */
function namesFirst(r: SentenceRecord | undefined, quoteEnd: number): r is SentenceRecord & { found: SentenceSpeaker } {
  if (!r?.found || r.found.how === 'pronoun' || r.span.start < quoteEnd) return false;
  return !/[，,。；;]/u.test(r.passage.text.slice(0, r.found.at));
}

function lastAttributed(records: SentenceRecord[]): Attribution | null {
  for (let i = records.length - 1; i >= 0; i--) if (records[i]!.passage.attribution) return records[i]!.passage.attribution;
  return null;
}

/**
 * The text shows a person's gender when a pronoun refers to them unambiguously: later in the very
 * sentence that names them (孔局長續說，……她期望……), or opening the next sentence of the same
 * paragraph (陳美玲表示…。她指出…), with nobody else named in between. A 他 that reaches back past
 * a woman to a man, or across paragraphs, teaches nothing.
 */
function learnGender(found: SentenceSpeaker, before: SentenceRecord[], people: People, text: string): void {
  const namedIn = (t: string) =>
    people
      .knownNames()
      .filter((n) => fold(t).includes(n))
      .map((n) => people.get(n));
  if (found.how !== 'pronoun') {
    // A pronoun later in the sentence that names the speaker.
    const rest = text.slice(found.end);
    const m = /[，,；;]\s*(?:並|并|而|但)?(她|他)|\b(she|he)\b/iu.exec(rest);
    if (!m || found.person.gender) return;
    if (namedIn(rest.slice(0, m.index)).some((p) => p !== found.person) || namedIn(text.slice(0, found.at)).some((p) => p !== found.person)) return;
    people.setGender(found.person, /^(?:她|she)$/iu.test(m[1] ?? m[2]!) ? 'female' : 'male');
    return;
  }
  const previous = before[before.length - 1];
  const named = previous?.found && previous.found.how !== 'pronoun' ? previous.found.person : null;
  if (!named || named.gender) return;
  if (namedIn(previous!.passage.text).some((p) => p !== named) || namedIn(text.slice(0, found.at)).length > 0) return;
  const gender: Gender = /^(?:她|she)$/iu.test(found.mention) ? 'female' : 'male';
  if ((likelyGender(named) ?? gender) !== gender) return;
  people.setGender(named, gender);
}

/**
 * 陳：, 陳家駿：, Wong: — a label naming an interviewee: a known person, a surname of one, a full
 * Chinese name, or an English surname whose full name the story gives (Jason Wong Ka-ho).
 */
function resolveLabel(label: string, people: People, story: string): Person | null {
  const known = people.get(label);
  if (known) return known;
  if (/^\p{Script=Han}{1,2}$/u.test(label) && people.bySurname(label)) return people.bySurname(label);
  if (/^\p{Script=Han}{2,4}$/u.test(label) && looksLikeChineseName(label) && !people.isExcluded(label)) return people.introduce(label, null);
  if (/^[A-Z][\p{Ll}'’-]+$/u.test(label)) {
    const part = people.byLatinPart(label);
    if (part) return part;
    const full = new RegExp(`\\b((?:[A-Z][\\p{Ll}'’]+\\s+){1,2}${label}(?:\\s+[A-Z][\\p{Ll}]+-[\\p{Ll}]+)?|${label}\\s+[A-Z][\\p{Ll}]+-[\\p{Ll}]+)\\b`, 'u').exec(story);
    if (full) return introduceLatin(people, full[1]!, null);
  }
  return null;
}

/** An interview: at least three paragraphs labelled as questions or answers, one an answer. */
function readInterview(body: RepairedBlock[], people: People): boolean {
  const story = body.map((b) => b.text).join('\n');
  let labels = 0;
  let questions = 0;
  for (const b of body) {
    if (QUESTION_LABEL.test(b.text)) questions++;
    else if (ANSWER_LABEL.test(b.text)) labels++;
    else {
      const label = NAME_LABEL.exec(b.text);
      if (label && resolveLabel(label[1]!, people, story)) labels++;
    }
  }
  return questions + labels >= 3 && labels >= 1;
}

interface SpeechInfo {
  speaker: Person;
  /** Index among the story's body paragraphs of the lead (…的致辭全文：); the speech follows. */
  leadIndex: number;
  cue: string;
  title: string;
  mention: string;
}

/** A speech or first-person release: a headline or lead that says so, and who gives it. */
function readSpeech(draft: StoryDraft, people: People, english: boolean): SpeechInfo | null {
  const headline = draft.headlines.find((h) => SPEECH_HEADLINE.test(h)) ?? null;
  const body = draft.blocks.filter((b) => b.block.kind === 'paragraph').map((b) => b.block.text);
  for (const [i, text] of body.slice(0, 3).entries()) {
    if (english) {
      const m = SPEECH_LEAD_EN.exec(text);
      if (m) {
        const person = introduceLatin(people, m[3]!, m[1]!.trim(), m[2]);
        if (person) return { speaker: person, leadIndex: i, cue: 'speech', title: headline ?? text.slice(0, 60), mention: `${m[2] ? `${m[2]} ` : ''}${m[3]}` };
      }
    } else {
      if (SPEECH_LEAD_ZH.test(text) || (headline && /[：:]$/u.test(text))) {
        const person = titledPerson(text, people);
        if (person) return { speaker: person, leadIndex: i, cue: '致辭', title: headline ?? text.slice(0, 40), mention: person.name };
      }
    }
  }
  return null;
}

/**
 * The quotations of a story's body paragraphs, outermost marks only, a quotation left open at
 * the end of a paragraph running on when the next paragraph opens with a quote mark. Quoted
 * terms (「一國兩制」, “smart city”) hold no punctuation and are not speech: left out.
 */
function quoteSpans(paragraphs: string[], english: boolean): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  // Only quote marks matter: jump from one to the next.
  const MARKS = english ? /[“”"]/gu : /[「」『』“”"]/gu;
  let open = null as { p: number; at: number; opener: string; closer: string } | null;
  let depth = 0;
  // Whether the quotation holds speech punctuation: checked over each piece as it is passed.
  let punct = false;
  let from = 0;
  const close = (p: number, at: number) => {
    if (punct || open!.p < p) spans.push({ from: { p: open!.p, at: open!.at }, to: { p, at } });
    open = null;
    depth = 0;
  };
  for (const [p, text] of paragraphs.entries()) {
    from = 0;
    if (open) {
      // Continued: the paragraph must open with a quote mark, else the quotation ended unclosed.
      if (text[0] && text[0] in OPENERS) from = 1;
      else close(p - 1, paragraphs[p - 1]!.length);
    }
    MARKS.lastIndex = from;
    for (let m = MARKS.exec(text); m; m = MARKS.exec(text)) {
      const ch = m[0];
      const i = m.index;
      if (open) {
        if (!punct && SPEECH_PUNCT.test(text.slice(from, i))) punct = true;
        from = i + 1;
        if (ch === open.closer && (ch !== '"' || depth === 1)) {
          if (--depth === 0) close(p, i);
        } else if (ch === open.opener && ch !== '"') depth++;
      } else if (ch in OPENERS) {
        open = { p, at: i, opener: ch, closer: OPENERS[ch]! };
        depth = 1;
        punct = false;
        from = i + 1;
      }
    }
    if (open && !punct && SPEECH_PUNCT.test(text.slice(from))) punct = true;
  }
  if (open) close(paragraphs.length - 1, paragraphs[paragraphs.length - 1]!.length);
  return spans;
}
