/** 매크로: the bodies and answers of /memo-macros. */
import { z } from 'zod';

/** The placeholders a macro's body may hold, filled in by the console from the order's line. */
export const MACRO_PLACEHOLDERS = ['상품명', '옵션'] as const;

export const MACRO_TITLE_MAX = 40;
export const MACRO_BODY_MAX = 1000;

const placeholders = MACRO_PLACEHOLDERS.map((p) => `{${p}}`).join(', ');

export const macroBody = z.strictObject({
  title: z.string().trim().min(1).max(MACRO_TITLE_MAX).describe('the button\'s label; unique within the team'),
  body: z.string().trim().min(1).max(MACRO_BODY_MAX).describe(`the memo text inserted; may hold ${placeholders} (no other {…})`),
  position: z.number().int().min(0).max(10_000).optional().describe('order among the team\'s macros (smaller first); after the last when left out on creation, kept when left out on change'),
});
export type MacroInput = z.output<typeof macroBody>;

export const macroParams = z.object({ id: z.uuid().transform((id) => id.toLowerCase()).describe('the macro\'s id (GET /memo-macros)') });

export const macroSchema = z.object({
  id: z.string(),
  team: z.string().describe('the team whose macro this is (the caller\'s own)'),
  title: z.string(),
  body: z.string().describe(`the template; ${placeholders} are filled in from the order's line`),
  position: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Macro = z.output<typeof macroSchema>;
