/** For corpus-files.test.ts: writes large pages into a folder, one after another, until killed. */
import { writeAtomically } from '../src/corpus/files.ts';

const dir = process.argv[2]!;
for (let n = 1; ; n++) {
  process.stdout.write(`writing ${n}\n`);
  await writeAtomically(dir, `page-${n}.txt`, new TextEncoder().encode(`第${n}篇：數據流通\n\n${'香港文匯報訊（記者 李明）數據流通論壇昨日舉行。'.repeat(40_000)}\n`));
}
