// The real entry point (server/main.ts, as `npm start` runs it) in a child process, for tests of starting and stopping.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { ROOT } from './paths';

export interface MainProcess {
  url: string;
  child: ChildProcess;
  /** Every line printed so far (stdout and stderr). */
  output: string[];
  /** The exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string | null>;
  /** SIGTERM, as systemd or Ctrl-C stops it; the exit code. */
  stop(): Promise<number | string | null>;
}

/** Runs server/main.ts with `env` until it prints its URL; rejects with the output if it exits first. */
export function startMain(env: Record<string, string>): Promise<MainProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', PGLITE_PORT: '0', ...env } });
  const output: string[] = [];
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /running at (http:\/\/\S+)/.exec(line);
        if (match) resolve({ url: match[1], child, output, exited, stop: () => (child.kill('SIGTERM'), exited) });
      });
    }
    void exited.then((code) => reject(Object.assign(new Error(`exited with ${code}: ${output.join('\n')}`), { code, output })));
  });
}
