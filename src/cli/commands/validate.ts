import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerValidate: RegisterCommand = (program) => {
  program.command('validate').description('(not available yet)');
};
