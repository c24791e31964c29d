import { describe, expect, it } from 'vitest';
import { watchProcess } from './watched-process.ts';

/**
 * The benches' child processes (the memory probe) report progress line by line; one that goes
 * silent fails the bench with a message instead of hanging it (the memory probe once sat for six
 * minutes with nothing said, until it was killed by hand).
 */

const node = (script: string, silenceMs: (line: number) => number) =>
  watchProcess(process.execPath, ['-e', script], { name: 'The test child', env: process.env, silenceMs });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a watched child process', () => {
  it('answers the lines it printed once it exits 0', async () => {
    const child = node(`console.log('one'); setTimeout(() => console.log('two'), 50);`, () => 5_000);
    expect(await child.lines).toEqual(['one', 'two']);
  });

  it('fails with its last line and its stderr when it goes silent, and stops it', async () => {
    const script = `console.log('ready'); console.log(process.pid); console.error('waiting for DynamoDB'); setInterval(() => {}, 1000);`;
    const started = Date.now();
    const child = node(script, (line) => (line < 2 ? 5_000 : 300));
    const error = (await child.lines.catch((e: unknown) => e)) as Error;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.message).toMatch(/^The test child printed nothing for 0\.3 s after "\d+"; stopped it\./);
    expect(error.message).toContain('waiting for DynamoDB');
    const pid = Number(/after "(\d+)"/.exec(error.message)?.[1]);
    await expect.poll(() => alive(pid)).toBe(false);
  });

  it('fails when it does not print its first line in time', async () => {
    const child = node('setInterval(() => {}, 1000);', () => 300);
    await expect(child.lines).rejects.toThrow(
      'The test child printed nothing for 0.3 s after it started; stopped it. It printed nothing on stderr.',
    );
  });

  it('fails with its exit code when it ends badly', async () => {
    const child = node(`console.log('started'); console.error('no table'); process.exit(3);`, () => 5_000);
    await expect(child.lines).rejects.toThrow(
      /ended with exit code 3 after 1 line\(s\)\. Its last words on stderr:\nno table/,
    );
  });
});
