import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgram, STYLES_DIR, tempDir } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '..');

/** Runs `npm start`'s program with stdin from a pipe, as a script or CI would. */
const runConsole = (args: string[], input: string) => runProgram(join(ROOT, 'node_modules/.bin/tsx'), ['src/main.ts', ...args], ROOT, input);

describe('the console, reading commands from a pipe', () => {
  it('--json prints one JSON object per command line, in order, and nothing else on stdout', async () => {
    const { code, stdout, stderr } = await runConsole(['--json'], '/who speaker:CY Leung topic:隱私\n\n/ask query:量子技术市场\n/who spekaer:梁振英\n/speakers\n');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const replies = lines.map((l) => JSON.parse(l));
    expect(replies.map((r) => r.command)).toEqual(['who', 'ask', 'who', 'speakers']);
    expect(replies[0].passages[0].speaker.name).toBe('梁振英');
    expect(replies[0].passages[0].text).toContain('隱私');
    expect(replies[1].passages[0].text).toBe('他續指，預計到2040年，全球量子技術市場將達到1,060億美元。');
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'unknown_option' } });
    expect(replies[3].speakers.map((s: { name: string }) => s.name)).toContain('徐慶強');
    expect(stderr).toContain('No DISCORD_TOKEN found');
  });

  it('/context shows a passage of the last answer, by its number or its id, with the paragraphs around it', async () => {
    const { code, stdout } = await runConsole(['--json'], '/ask query:成立聯盟 里程碑\n/context 1\n/context passage:wenweipo-2025-01-17#5\n/context 40\n');
    expect(code).toBe(0);
    const [ask, first, byId, none] = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(first).toMatchObject({ command: 'context', ok: true, title: 'Passage 1 in its report' });
    expect(first.passages[0].id).toBe(ask.passages[0].id);
    const { paragraph, span, before, after } = first.context;
    expect(paragraph.text.slice(...span)).toBe(first.passages[0].text);
    expect(before === null || typeof before.text === 'string').toBe(true);
    expect(after.text.length).toBeGreaterThan(10);
    expect(byId.title).toBe('A passage in its report');
    expect(byId.context.paragraph.text).toBe(
      '他又指，成立聯盟是香港攜手內地面向世界邁出的關鍵一步，對數據跨境流通、合規治理和技術合作有深遠意義，它將為全球數字經濟提供制度保障，促進公共與私營領域之間的資料開放與合作，實現資源的高效配置，為全球經濟的健康永續發展貢獻力量。',
    );
    expect(none).toMatchObject({ ok: false, error: { code: 'unknown_passage' } });
    // As text: the passage's paragraph marked, between the ones around it.
    const text = await runConsole([], '/ask query:成立聯盟 里程碑\n/context 1\n');
    expect(text.stdout).toContain('== Passage 1 in its report ==');
    expect(text.stdout).toMatch(/\n {2}▶ .*里程碑/);
  });

  it('prints readable text by default, and --corpus reads another folder', async () => {
    const { code, stdout } = await runConsole(['--corpus', STYLES_DIR], '/who speaker:Okafor\n/ask 算力平台\n');
    expect(code).toBe(0);
    expect(stdout).toContain('== What Daniel Okafor said ==');
    // The source once, the speaker once, then the quotes as written, numbered.
    expect(stdout).toMatch(
      /\nHarbour Ledger · 2025-01-17[^\n]*\n {2}Daniel Okafor · chairman of the Harbour Data Alliance\n {3}1\. "Trust is the currency of the data economy," said Daniel Okafor, chairman of the Harbour Data Alliance\.\n/,
    );
    expect(stdout).toContain('  陈美玲 · 大湾区算力联盟秘书长\n');
  });

  it('/corpus list and /corpus show tell the operator what the bot understood of each article', async () => {
    const { code, stdout } = await runConsole(['--corpus', STYLES_DIR, '--json'], '/corpus list\n/corpus show harbour\n/corpus show article:nothing\n');
    expect(code).toBe(0);
    const [list, show, none] = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(list.title).toBe('The corpus: 2 articles');
    expect(list.facts.map((f: { value: string }) => f.value.split(' · ')[0])).toEqual(['harbour-alliance', 'shenzhen-forum']);
    expect(show.title).toMatch(/^Article: /);
    const people = show.facts.find((f: { label: string }) => f.label.startsWith('People'));
    expect(people.value).toContain('Daniel Okafor — chairman of the Harbour Data Alliance');
    expect(none).toMatchObject({ ok: false, error: { code: 'unknown_article' } });
  });

  describe('/corpus add path:FILE', () => {
    const report = (n: number) => `數據簡報第${n}號：新里程\n\n香港文匯報訊（記者 李明）簡報昨日發布。研究員何${'一二三'[n - 1]}明表示，數據流通第${n}期進展良好。\n`;
    const setUp = () => {
      const corpus = tempDir();
      cpSync(STYLES_DIR, corpus, { recursive: true });
      const reports = tempDir();
      for (const n of [1, 2, 3]) writeFileSync(join(reports, `brief-${n}.txt`), report(n));
      return { corpus, reports };
    };

    it('previews, asks y/n on the next line, and adds on y; the new speaker answers', async () => {
      const { corpus, reports } = setUp();
      const { code, stdout, stderr } = await runConsole(['--corpus', corpus, '--json'], `/corpus add path:${join(reports, 'brief-1.txt')} date:2025-01-20\ny\n/who speaker:何一明\n`);
      expect(code).toBe(0);
      const [preview, added, who] = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(preview.title).toBe('Add to the corpus? 數據簡報第1號：新里程');
      expect(preview.confirm.action).toBe('add');
      expect(stderr).toContain('Add this report to the corpus? [y/N] y');
      expect(added.title).toBe('Added to the corpus: 數據簡報第1號：新里程');
      expect(who.passages[0].text).toContain('數據流通第1期進展良好');
      expect(readFileSync(join(corpus, 'brief-1.txt'), 'utf8')).toBe(report(1));
      const sidecar = JSON.parse(readFileSync(join(corpus, 'brief-1.json'), 'utf8'));
      expect(sidecar.added.by).toMatch(/^.+ \(console:.+\)$/);
      const audit = readFileSync(join(corpus, 'corpus-audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(audit).toEqual([expect.objectContaining({ action: 'add', article: 'brief-1', by: expect.objectContaining({ id: expect.stringMatching(/^console:/) }) })]);
    });

    it('writes nothing on n, on any other answer, or when the input ends', async () => {
      const { corpus, reports } = setUp();
      const add = (n: number) => `/corpus add path:${join(reports, `brief-${n}.txt`)} date:2025-01-20`;
      const { code, stdout } = await runConsole(['--corpus', corpus, '--json'], `${add(1)}\nn\n${add(2)}\nmaybe\n${add(3)}\n`);
      expect(code).toBe(0);
      const replies = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(replies.map((r) => r.title)).toEqual([1, 1, 2, 2, 3, 3].map((n, i) => (i % 2 ? `Not added: 數據簡報第${n}號：新里程` : `Add to the corpus? 數據簡報第${n}號：新里程`)));
      expect(readdirSync(corpus).sort()).toEqual(readdirSync(STYLES_DIR).sort());
    });

    it('--yes, on the command line or at the end of the line, adds without asking', async () => {
      const { corpus, reports } = setUp();
      const flag = await runConsole(['--corpus', corpus, '--json', '--yes'], `/corpus add path:${join(reports, 'brief-1.txt')} date:2025-01-20\n`);
      expect(
        flag.stdout
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l).title),
      ).toEqual(['Add to the corpus? 數據簡報第1號：新里程', 'Added to the corpus: 數據簡報第1號：新里程']);
      expect(flag.stderr).not.toContain('[y/N]');
      const line = await runConsole(['--corpus', corpus], `/corpus add path:${join(reports, 'brief-2.txt')} date:2025-01-20 --yes\n/corpus list\n`);
      expect(line.stdout).toContain('== Added to the corpus: 數據簡報第2號：新里程 ==');
      expect(line.stdout).toContain('== The corpus: 4 articles ==');
    });

    it('/corpus remove asks too, then moves the files into removed-reports', async () => {
      const { corpus } = setUp();
      const { stdout, stderr } = await runConsole(['--corpus', corpus, '--json'], '/corpus remove article:harbour-alliance\ny\n/corpus list\n');
      const [preview, removed, list] = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(preview.confirm.action).toBe('remove');
      expect(stderr).toContain('Remove this article from the corpus? [y/N] y');
      expect(removed.title).toBe('Removed from the corpus: Harbour data alliance pledges common rules');
      expect(list.title).toBe('The corpus: 1 article');
      const [folder] = readdirSync(join(corpus, 'removed-reports'));
      expect(readdirSync(join(corpus, 'removed-reports', folder!)).sort()).toEqual(['harbour-alliance.json', 'harbour-alliance.txt']);
    });

    it('refuses what the loader would refuse, and a file that is not there', async () => {
      const { corpus, reports } = setUp();
      writeFileSync(join(reports, 'binary.txt'), Buffer.from([0x89, 0x50, 0, 0]));
      const { stdout } = await runConsole(['--corpus', corpus, '--json', '--yes'], `/corpus add path:${join(reports, 'binary.txt')}\n/corpus add path:${join(reports, 'missing.txt')}\n`);
      const [binary, missing] = stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(binary).toMatchObject({ ok: false, error: { code: 'invalid_report' } });
      expect(binary.facts[0].value).toContain('binary.txt:1: binary file (contains a NUL byte)');
      expect(missing).toMatchObject({ ok: false, error: { code: 'file_unusable' } });
      expect(missing.error.message).toContain('missing.txt: cannot read');
    });
  });

  it('refuses a broken corpus with the problems and exit code 1', async () => {
    const { code, stderr } = await runConsole(['--corpus', join(ROOT, 'no-such-folder')], '/help\n');
    expect(code).toBe(1);
    expect(stderr).toContain('cannot read the corpus folder');
  });
});
