/** Every CLI command, one line each. Each feature adds its own command file here. */
import type { Command } from '../command'
import { allocateCommand } from './allocate'
import { dbCommand } from './db'
import { serveCommand } from './serve'
import { tokenCommand } from './token'
import { networkCommand } from './network'
import { patternsCommand } from './patterns'

export const commands: Command[] = [allocateCommand, dbCommand, networkCommand, patternsCommand, serveCommand, tokenCommand]
