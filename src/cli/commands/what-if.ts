import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerWhatIf: RegisterCommand = (program) => {
  program.command('what-if').description('(not available yet)');
};
