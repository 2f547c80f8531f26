import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerGenerate: RegisterCommand = (program) => {
  program.command('generate').description('(not available yet)');
};
