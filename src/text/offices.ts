/**
 * Offices and the names papers give their holders: a role written in any of these forms stands
 * for the one person holding the office (財爺, 財政司司長 and the Financial Secretary are one
 * person). Reading a report, it resolves a mention by office (people.ts); answering a question,
 * it finds who "the financial secretary" is in the corpus (search/names.ts). Folded; the first
 * form is the one a nickname stands for.
 */
import { fold } from './fold.ts';

export const OFFICES: string[][] = [
  ['財爺', '財政司司長', '財政司', '財長', 'Financial Secretary', 'finance chief', 'FS'],
  ['特首', '行政長官', 'Chief Executive', 'city leader', 'city’s leader', "city's leader", 'CE'],
  ['政務司司長', '政司', 'Chief Secretary', 'CS'],
  ['創科局局長', '創新科技及工業局局長', '創科局', '創新科技及工業局', 'Secretary for Innovation, Technology and Industry', 'innovation and technology chief', 'technology minister', 'SITI'],
  ['數字政策專員', '數字政策辦公室', 'Commissioner for Digital Policy', 'digital policy chief', 'digital policy commissioner'],
  ['中聯辦', '中央政府駐港聯絡辦', '駐港聯絡辦', 'Liaison Office', 'liaison office'],
  ['私隱專員', '個人資料私隱專員', 'Privacy Commissioner'],
].map((forms) => forms.map(fold));

/** The office a role as written belongs to, if any. */
export const officeOf = (text: string): string[] | undefined => OFFICES.find((forms) => forms.some((f) => f.length >= 2 && (text === f || text.endsWith(f) || (f.length >= 3 && text.includes(f)))));
