/** What a command may touch: two output streams and the working folder. */
export interface OutStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliContext {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly cwd: string;
}

/** What a command hands back: the exit code (0 clean, 1 findings). Output is written as it goes. */
export type CommandResult = Promise<number>;
