/** The fixed mixed query set of the benchmark: Traditional, Simplified and English, per command. */
export const QUERIES: Record<'ask' | 'who' | 'trends' | 'stats', Record<string, string>[]> = {
  ask: [
    { query: '數據跨境 流動' },
    { query: '量子技术市场' },
    { query: 'What did CY Leung say about privacy?' },
    { query: '人工智能 監管' },
    { query: '数据安全' },
    { query: 'cross-border data' },
    { query: '開放數據平台' },
    { query: '低空经济' },
    { query: 'fintech bank' },
    { query: '隱私保護' },
    { query: '香港' },
    { query: '國際數據港 聯盟' },
  ],
  who: [{ speaker: '梁振英' }, { speaker: 'CY Leung', topic: '隱私' }, { topic: '量子' }, { topic: '数据' }, { speaker: '陈茂波', topic: '数据' }, { topic: 'privacy' }],
  trends: [{}, { topic: '量子' }, { topic: 'AI' }, { topic: '机器人' }],
  stats: [{}, { topic: '數據' }, { topic: '億' }, { topic: 'loans' }],
};

/** The /ask queries as plain strings, for the engines compared side by side. */
export const PLAIN_QUERIES = QUERIES.ask.map((q) => q.query!);
