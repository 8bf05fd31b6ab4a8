/**
 * Where the web extension's language server runs. In order of preference:
 *   1. a Worker from the extension's own URI (vscode.dev, github.dev, VS Code for the Web);
 *   2. a Worker from a `blob:` URL of the same script, read with `workspace.fs`: code-server refuses
 *      `new Worker(<vscode-remote: URI>)` ("Creating workers from remote extensions is currently not
 *      supported", coder/code-server #5869) but runs a Worker from a blob;
 *   3. in the extension host itself, over a MessageChannel, where no Worker can be started at all
 *      (checks then share the extension host's thread).
 * An attempt counts only once the server says it is running (its first message, see
 * ReadyMessage in server/src/lsp/protocol.ts): a Worker whose script fails to load says so only by an `error` event,
 * after the constructor returned.
 *
 * No `vscode` import and no DOM types: the attempts are injected, so the order and the fallbacks
 * are unit-tested (test/unit/client/serverHost.test.ts).
 */
import type { ServerPort } from '../../server/src/lsp/browser';
import { isReadyMessage } from '../../server/src/lsp/protocol';

/** A started server: the port its messages come through, and what ends it. */
export interface RunningServer {
  port: ServerPort;
  end(): void;
}

export interface Attempt {
  /** How the server runs, for the output channel: "a Worker from the extension's URI", … */
  how: string;
  /** Starts the server, or throws (synchronously or not) when the host refuses. */
  start(): RunningServer | Promise<RunningServer>;
}

export interface Started extends RunningServer {
  how: string;
  /** Why each earlier attempt failed, in order. */
  refused: string[];
}

/** The message (or error) events a Worker or a MessagePort emits, as much as is used here. */
interface Events {
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: unknown) => void): void;
  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: unknown) => void): void;
  start?(): void;
}

/** Resolves on the server's ready message, rejects on an error event before it. */
export function whenReady(port: ServerPort): Promise<void> {
  const events = port as unknown as Events;
  return new Promise<void>((resolve, reject) => {
    const done = () => {
      events.removeEventListener('message', onMessage);
      events.removeEventListener('error', onError);
    };
    const onMessage = (e: unknown) => {
      if (!isReadyMessage((e as { data?: unknown }).data)) return;
      done();
      resolve();
    };
    const onError = (e: unknown) => {
      done();
      const message = (e as { message?: unknown }).message;
      reject(new Error(typeof message === 'string' && message ? message : 'the server script did not load'));
    };
    events.addEventListener('message', onMessage);
    events.addEventListener('error', onError);
    // A MessagePort delivers to addEventListener listeners only once started (a Worker always does).
    events.start?.();
  });
}

/** Tries each attempt in order until a server says it runs; throws with every reason if none does. */
export async function startFirst(attempts: readonly Attempt[]): Promise<Started> {
  const refused: string[] = [];
  for (const attempt of attempts) {
    let running: RunningServer | undefined;
    try {
      running = await attempt.start();
      await whenReady(running.port);
      return { ...running, how: attempt.how, refused };
    } catch (e) {
      running?.end();
      refused.push(`${attempt.how}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`Derivation Check could not start its language server:\n${refused.join('\n')}`);
}
