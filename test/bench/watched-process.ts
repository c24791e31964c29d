import { spawn } from 'node:child_process';

/**
 * Runs a child process that reports its progress one line at a time on stdout, and answers those
 * lines once it exits 0. A bench must never hang silently: when the child stays silent longer than
 * it may before its next line, it is killed and the run fails, naming the last line it printed and
 * its last words on stderr.
 */
export interface WatchedProcessOptions {
  /** What the messages call the child, e.g. "The memory probe". */
  name: string;
  env: NodeJS.ProcessEnv;
  /** How long the child may stay silent before printing line `line` (0 for the first). */
  silenceMs: (line: number) => number;
}

export interface WatchedProcess {
  /** Its stdout lines, once it has exited 0. */
  lines: Promise<string[]>;
  /** Kills it now (an interrupted bench). */
  kill(): void;
}

const STDERR_KEPT = 4000;

export const watchProcess = (
  command: string,
  args: string[],
  options: WatchedProcessOptions,
): WatchedProcess => {
  const child = spawn(command, args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;

  const promise = new Promise<string[]>((resolve, reject) => {
    const lastWords = () => {
      const said = stderr.trim();
      return said ? ` Its last words on stderr:\n${said}` : ' It printed nothing on stderr.';
    };
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}${lastWords()}`));
    };
    const watch = () => {
      clearTimeout(timer);
      const ms = options.silenceMs(lines.length);
      timer = setTimeout(() => {
        const after = lines.length === 0 ? 'after it started' : `after "${lines.at(-1)}"`;
        fail(
          `${options.name} printed nothing for ${(ms / 1000).toFixed(ms < 1000 ? 1 : 0)} s ${after}; stopped it.`,
        );
      }, ms);
    };

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      const complete = parts.filter((line) => line.trim() !== '');
      if (complete.length === 0) return;
      lines.push(...complete);
      watch();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_KEPT);
    });
    child.once('error', (error) => fail(`${options.name} could not be started: ${error.message}.`));
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (partial.trim() !== '') lines.push(partial);
      if (code === 0) resolve(lines);
      else fail(`${options.name} ended with ${signal ?? `exit code ${code}`} after ${lines.length} line(s).`);
    });
    watch();
  });

  return {
    lines: promise,
    kill: () => {
      clearTimeout(timer);
      child.kill('SIGKILL');
    },
  };
};
