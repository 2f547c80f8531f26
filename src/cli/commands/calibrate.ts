import type { RegisterCommand } from '../program.js';

// Placeholder while the command is being built; replaced by its implementation.
export const registerCalibrate: RegisterCommand = (program) => {
  program.command('calibrate').description('(not available yet)');
};
