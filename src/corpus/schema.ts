/** The corpus files a moderator writes by hand, validated at the edge with zod. */
import { z } from 'zod';

export const sidecarSchema = z
  .object({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1-64 letters, digits, ".", "_" or "-"')
      .optional(),
    title: z.string().trim().min(1).max(300),
    source: z.string().trim().min(1).max(120),
    date: z.iso.date('use an ISO date such as 2025-01-17'),
    language: z.enum(['zh-Hant', 'zh-Hans', 'en']),
    url: z.url().optional(),
    /** Written by /corpus add: who added the report, and when. */
    added: z
      .object({
        by: z.string().trim().min(1).max(200),
        at: z.iso.datetime({ error: 'use an ISO time such as 2025-01-17T09:30:00Z' }),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Sidecar = z.infer<typeof sidecarSchema>;

/** aliases.json: canonical name -> other names (CY Leung, Leung Chun-ying). */
export const aliasesSchema = z.record(z.string().trim().min(1).max(60), z.array(z.string().trim().min(1).max(60)).max(50));
export type Aliases = z.infer<typeof aliasesSchema>;

export function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`).join('; ');
}
