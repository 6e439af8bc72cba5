import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface FunctionSpec {
  /** `<stackName>/<logicalId>` */
  readonly key: string;
  readonly name: string;
  readonly entry: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
}

export class InvocationError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
    readonly remoteStack?: string,
  ) {
    super(message);
    this.name = 'InvocationError';
  }
}

/** One invocation with every AWS SDK call it made and what each answered (the bench replays them). */
export interface RecordedInvocation {
  readonly event: unknown;
  readonly result: unknown;
  readonly calls: readonly RecordedAwsCall[];
}
export interface RecordedAwsCall {
  /** The command's class name (`GetCommand`, `SendMessageCommand`…) and its client's. */
  readonly command: string;
  readonly client: string;
  /** What the call was about (infra/local/recorded-calls.mjs, callTarget). */
  readonly target: string;
  readonly output?: unknown;
  readonly error?: { readonly name: string; readonly message: string; readonly httpStatusCode?: number };
  /** Its answer could not be copied (a stream): the invocation cannot be replayed. */
  readonly unrecordable?: true;
}

interface Pending {
  event: unknown;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One function's execution environment: a worker thread with the function's own environment,
 * running its source entry. Invocations may overlap (like several warm instances); each is
 * bounded by the function's timeout, after which the caller gets an error, as from Lambda.
 */
export class LocalFunction {
  private readonly worker: Worker;
  private readonly pending = new Map<string, Pending>();
  private readonly ready: Promise<void>;

  constructor(
    readonly spec: FunctionSpec,
    projectRoot: string,
    /** Receives each successful invocation with its AWS calls (the bench's warm replay). */
    private readonly onRecorded?: (invocation: RecordedInvocation) => void,
  ) {
    this.worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
      env: spec.environment,
      workerData: {
        entryUrl: pathToFileURL(path.join(projectRoot, spec.entry)).href,
        functionName: spec.name,
        memorySize: spec.memorySize,
        timeoutMs: spec.timeoutSeconds * 1000,
        recordAwsCalls: Boolean(onRecorded),
      },
    });
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready) {
          this.worker.off('error', reject);
          resolve();
        }
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
    this.worker.on(
      'message',
      (m: {
        id?: string;
        ok?: boolean;
        result?: unknown;
        error?: { message: string; stack: string };
        awsCalls?: RecordedAwsCall[];
      }) => {
        if (!m.id) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.ok && m.awsCalls) this.onRecorded?.({ event: p.event, result: m.result, calls: m.awsCalls });
        if (m.ok) p.resolve(m.result);
        else p.reject(new InvocationError(spec.name, m.error?.message ?? 'failed', m.error?.stack));
      },
    );
    this.worker.on('error', (error) => {
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(new InvocationError(spec.name, `execution environment crashed: ${error.message}`));
        this.pending.delete(id);
      }
    });
  }

  async invoke(event: unknown): Promise<unknown> {
    await this.ready;
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new InvocationError(this.spec.name, `Task timed out after ${this.spec.timeoutSeconds} seconds`),
        );
      }, this.spec.timeoutSeconds * 1000);
      this.pending.set(id, { event, resolve, reject, timer });
      this.worker.postMessage({ id, event });
    });
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    await this.worker.terminate();
  }
}
