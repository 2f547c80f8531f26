import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerModel: RegisterCommand = (program) => {
  program.command('model').description('(not available yet)');
};
