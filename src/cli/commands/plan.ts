import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerPlan: RegisterCommand = (program) => {
  program.command('plan').description('(not available yet)');
};
