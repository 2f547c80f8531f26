import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerBatch: RegisterCommand = (program) => {
  program.command('batch').description('(not available yet)');
};
