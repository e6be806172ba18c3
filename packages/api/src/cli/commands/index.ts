/** Every CLI command, one line each. Each feature adds its own command file here. */
import type { Command } from '../command'
import { allocateCommand } from './allocate'
import { dbCommand } from './db'
import { compareCommand } from './compare'
import { fairnessCommand } from './fairness'
import { whatifCommand } from './whatif'
import { trafficCommand } from './traffic'
import { divergenceCommand } from './divergence'
import { serveCommand } from './serve'
import { tokenCommand } from './token'
import { networkCommand } from './network'
import { patternsCommand } from './patterns'
import { billCommand } from './bill'

export const commands: Command[] = [
  allocateCommand,
  dbCommand,
  trafficCommand,
  divergenceCommand,
  networkCommand,
  patternsCommand,
  serveCommand,
  tokenCommand,
  compareCommand,
  fairnessCommand,
  whatifCommand,
  billCommand,
]
