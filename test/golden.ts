/**
 * The golden set: questions as a user types them in the console, each with what a user would
 * check — the passage that must come back and who said it. Traditional, Simplified and English,
 * every command, on the real article and on the fixtures.
 */
export interface Golden {
  line: string;
  /** Among the first `within` passages, one contains `text` and is `speaker`'s (null: narrative). */
  passage?: { text: string; speaker: string | null; within?: number };
  /** Every passage returned is this speaker's. */
  allBy?: string;
  /** The reply is an error with this code. */
  error?: string;
  /** At least this many passages. */
  atLeast?: number;
  /** /speakers lists this speaker with this role. */
  speaker?: { name: string; role: string };
  /** /stats: a passage carries this figure. */
  figure?: { text: string; speaker: string | null };
}

export const GOLDEN: Golden[] = [
  // /ask — Traditional
  { line: '/ask query:數據跨境 流動', passage: { text: '促進粵港澳大灣區的數據跨境流動', speaker: '陳茂波', within: 2 } },
  { line: '/ask query:量子技術市場', passage: { text: '全球量子技術市場將達到1,060億美元', speaker: '張洪海', within: 1 } },
  { line: '/ask query:隱私保護', passage: { text: '聚焦數據治理與隱私保護', speaker: '梁振英', within: 3 } },
  { line: '/ask query:商業數據通', passage: { text: '他以金管局推出的「商業數據通」為例', speaker: '陳茂波', within: 3 } },
  { line: '/ask query:人工智能超算中心', passage: { text: '數碼港的人工智能超算中心', speaker: '陳茂波', within: 1 } },
  { line: '/ask query:開放數據平台', passage: { text: '「開放數據平台」由數字政策辦公室統籌', speaker: '黃志光', within: 1 } },
  { line: '/ask query:數據倫理', passage: { text: '在探討數據倫理的全球問題', speaker: '劉光源', within: 3 } },
  { line: '/ask query:微眾銀行', passage: { text: '微眾銀行在香港設立科技公司', speaker: '陳茂波', within: 2 } },
  { line: '/ask query:可信數據標準', passage: { text: '引領國際可信數據標準制定', speaker: '楊德斌', within: 2 } },
  { line: '/ask query:數字經濟發展的支柱', passage: { text: '是大灣區數字經濟發展的支柱', speaker: '徐慶強', within: 1 } },
  { line: '/ask query:中美 脫鉤', passage: { text: '中美在貿易、科技、製造等領域或面臨加速脫鉤', speaker: '張洪海', within: 2 } },
  { line: '/ask query:4.2萬宗', passage: { text: '逾4.2萬宗貸款申請', speaker: '陳茂波', within: 1 } },
  { line: '/ask query:5,500個數據集', passage: { text: '超過5,500個數據集', speaker: '黃志光', within: 1 } },
  { line: '/ask query:國際數據港', passage: { text: '建設香港成為國際數據港', speaker: null, within: 3 } },
  // /ask — Simplified
  { line: '/ask query:数据跨境流动', passage: { text: '促進粵港澳大灣區的數據跨境流動', speaker: '陳茂波', within: 2 } },
  { line: '/ask query:数据跨境流动', passage: { text: '“数据跨境流动需要统一的规则。”', speaker: '周志远', within: 2 } },
  { line: '/ask query:量子技术市场', passage: { text: '全球量子技術市場將達到1,060億美元', speaker: '張洪海', within: 1 } },
  { line: '/ask query:隐私保护', passage: { text: '聚焦數據治理與隱私保護', speaker: '梁振英', within: 3 } },
  { line: '/ask query:开放数据平台', passage: { text: '「開放數據平台」由數字政策辦公室統籌', speaker: '黃志光', within: 1 } },
  { line: '/ask query:数码港', passage: { text: '數碼港的人工智能超算中心', speaker: '陳茂波', within: 1 } },
  { line: '/ask query:低空经济', passage: { text: '低空經濟蘊含數字化發展空間', speaker: '張洪海', within: 1 } },
  { line: '/ask query:算力平台', passage: { text: '推出新的算力平台', speaker: '陈美玲', within: 1 } },
  // /ask — English
  { line: '/ask query:What did CY Leung say about privacy?', passage: { text: '隱私保護', speaker: '梁振英', within: 1 } },
  { line: '/ask query:quantum market', passage: { text: '全球量子技術市場將達到1,060億美元', speaker: '張洪海', within: 2 } },
  { line: '/ask query:Paul Chan on data', passage: { text: '數據', speaker: '陳茂波', within: 1 } },
  { line: '/ask query:cross-border data flow', passage: { text: '數據跨境流動', speaker: '陳茂波', within: 5 } },
  { line: '/ask query:cross-border data flow', passage: { text: 'cross-border data flows could add US$12 billion', speaker: 'Priya Raman', within: 3 } },
  { line: '/ask query:encrypted exchanges', passage: { text: 'already use encrypted exchanges', speaker: 'Tom Becker', within: 1 } },
  { line: '/ask query:trust currency', passage: { text: 'Trust is the currency of the data economy', speaker: 'Daniel Okafor', within: 1 } },
  { line: '/ask query:privacy rules', passage: { text: 'privacy rules were still fragmented', speaker: 'Priya Raman', within: 3 } },
  // /who
  { line: '/who speaker:梁振英', allBy: '梁振英', atLeast: 10, passage: { text: '該聯盟的成立，是行業發展的重要里程碑', speaker: '梁振英' } },
  { line: '/who speaker:陈茂波', allBy: '陳茂波', atLeast: 10, passage: { text: '陳茂波強調', speaker: '陳茂波' } },
  { line: '/who speaker:CY Leung', allBy: '梁振英', passage: { text: '他提醒，數據的安全合規', speaker: '梁振英' } },
  { line: '/who speaker:振英', allBy: '梁振英', passage: { text: '梁振英指出', speaker: '梁振英' } },
  { line: '/who speaker:Paul Chan topic:數據', allBy: '陳茂波', passage: { text: '開放數據政策', speaker: '陳茂波', within: 3 } },
  { line: '/who speaker:CY Leung topic:隱私', allBy: '梁振英', atLeast: 3, passage: { text: '隱私保護', speaker: '梁振英', within: 1 } },
  { line: '/who speaker:刘光源 topic:伦理', allBy: '劉光源', passage: { text: '數據倫理', speaker: '劉光源', within: 1 } },
  { line: '/who topic:量子', passage: { text: '量子', speaker: '張洪海', within: 1 } },
  { line: '/who topic:數據', atLeast: 5, passage: { text: '數據', speaker: '黃志光', within: 10 } },
  { line: '/who speaker:周志远 topic:人工智能', allBy: '周志远', passage: { text: '人工智能治理不能各自为政', speaker: '周志远', within: 1 } },
  { line: '/who speaker:Priya Raman', allBy: 'Priya Raman', passage: { text: 'She warned that privacy rules', speaker: 'Priya Raman' } },
  { line: '/who speaker:Okafor topic:rules', allBy: 'Daniel Okafor', passage: { text: 'Without shared rules', speaker: 'Daniel Okafor', within: 2 } },
  // /trends
  { line: '/trends', atLeast: 10, passage: { text: '人工智能立法與監管逐步強化', speaker: '張洪海', within: 1 } },
  { line: '/trends topic:量子', passage: { text: '2025年或成為國際量子科學技術元年，材料科學、醫學和網絡安全等應用創新加速。', speaker: '張洪海', within: 1 } },
  { line: '/trends topic:机器人', passage: { text: '多功能機器人推動企業生產效率提升', speaker: '張洪海', within: 1 } },
  { line: '/trends topic:AI', passage: { text: '人工智能', speaker: '張洪海', within: 1 } },
  { line: '/trends topic:green energy', passage: { text: '綠色技術將成為全球能源結構轉型核心驅動力', speaker: '張洪海', within: 1 } },
  // /stats
  { line: '/stats', atLeast: 10, figure: { text: '1,060億美元', speaker: '張洪海' } },
  { line: '/stats topic:數據集', figure: { text: '超過5,500個', speaker: '黃志光' } },
  { line: '/stats topic:贷款', figure: { text: '逾4.2萬宗', speaker: '陳茂波' } },
  { line: '/stats topic:量子', figure: { text: '1,060億美元', speaker: '張洪海' } },
  { line: '/stats topic:delegates', figure: { text: 'over 300 delegates', speaker: null } },
  { line: '/stats topic:robots', figure: { text: '80%', speaker: '張洪海' } },
  // /speakers, /about, /help
  { line: '/speakers', speaker: { name: '梁振英', role: '全國政協副主席' } },
  { line: '/speakers', speaker: { name: 'Priya Raman', role: 'chief economist at Lantern Capital' } },
  // Errors a user meets
  { line: '/who', error: 'missing_option' },
  { line: '/ask', error: 'missing_option' },
  { line: '/who speaker:王五', error: 'unknown_speaker' },
  { line: '/ask query:   ', error: 'bad_option' },
  { line: `/ask query:${'數據'.repeat(101)}`, error: 'bad_option' },
  { line: '/who spekaer:梁振英', error: 'unknown_option' },
  { line: '/nonsense', error: 'unknown_command' },
];

/** Pairs asked in both scripts: the same passages must come back. */
export const SCRIPT_PAIRS: [traditional: string, simplified: string][] = [
  ['/ask query:數據跨境流動', '/ask query:数据跨境流动'],
  ['/ask query:量子技術市場', '/ask query:量子技术市场'],
  ['/ask query:隱私保護', '/ask query:隐私保护'],
  ['/ask query:開放數據平台', '/ask query:开放数据平台'],
  ['/ask query:數據倫理', '/ask query:数据伦理'],
  ['/ask query:綠色技術', '/ask query:绿色技术'],
  ['/who topic:數據', '/who topic:数据'],
  ['/who speaker:陳茂波 topic:數碼港', '/who speaker:陈茂波 topic:数码港'],
  ['/trends topic:機器人', '/trends topic:机器人'],
  ['/stats topic:貸款', '/stats topic:贷款'],
];
