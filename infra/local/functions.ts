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

interface Pending {
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
  ) {
    this.worker = new Worker(new URL('./function-worker.mjs', import.meta.url), {
      env: spec.environment,
      workerData: {
        entryUrl: pathToFileURL(path.join(projectRoot, spec.entry)).href,
        functionName: spec.name,
        memorySize: spec.memorySize,
        timeoutMs: spec.timeoutSeconds * 1000,
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
      (m: { id?: string; ok?: boolean; result?: unknown; error?: { message: string; stack: string } }) => {
        if (!m.id) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
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
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, event });
    });
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    await this.worker.terminate();
  }
}
