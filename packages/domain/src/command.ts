import type { CommandMetadata } from './decider.js';

/** Every command of every stream type: a name, its data, and who sent it when (the domain reads no clock). */
export type Command<T extends string, D> = { readonly type: T; readonly data: D; readonly metadata: CommandMetadata };
