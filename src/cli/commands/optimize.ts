import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerOptimize: RegisterCommand = (program) => {
  program.command('optimize').description('(not available yet)');
};
