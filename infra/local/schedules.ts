import type { LocalFunction } from './functions.ts';
import type { SynthesizedStack } from './template.ts';

export interface ScheduleSpec {
  readonly expression: string;
  readonly everyMs: number;
  readonly targets: ReadonlyArray<{ fn: LocalFunction; input: unknown }>;
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** `rate(5 minutes)` → milliseconds; cron expressions are not emulated (undefined). */
export function rateToMs(expression: string): number | undefined {
  const m = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  return m?.[1] && m[2] ? Number(m[1]) * (UNIT_MS[m[2]] ?? 0) : undefined;
}

/** EventBridge rules with a rate schedule and Lambda targets, from the templates. */
export function schedulesFrom(
  stacks: readonly SynthesizedStack[],
  functionOf: (stack: SynthesizedStack, target: unknown) => LocalFunction | undefined,
): ScheduleSpec[] {
  const out: ScheduleSpec[] = [];
  for (const stack of stacks) {
    for (const r of Object.values(stack.resources)) {
      if (r.Type !== 'AWS::Events::Rule') continue;
      const expression = r.Properties?.ScheduleExpression;
      const everyMs = typeof expression === 'string' ? rateToMs(expression) : undefined;
      if (!everyMs || r.Properties?.State === 'DISABLED') continue;
      const targets = ((r.Properties?.Targets as Array<{ Arn: unknown; Input?: string }>) ?? []).flatMap(
        (t) => {
          const fn = functionOf(stack, t.Arn);
          return fn ? [{ fn, input: t.Input ? JSON.parse(t.Input) : {} }] : [];
        },
      );
      if (targets.length > 0) out.push({ expression: String(expression), everyMs, targets });
    }
  }
  return out;
}

/** Runs each schedule's targets on its rate, like EventBridge (first run one period after start). */
export class Schedules {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly specs: readonly ScheduleSpec[],
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    for (const spec of this.specs) {
      const timer = setInterval(() => {
        for (const t of spec.targets) {
          t.fn
            .invoke(t.input)
            .catch((e: Error) =>
              this.log(`schedule ${spec.expression}: ${t.fn.spec.name} failed: ${e.message}`),
            );
        }
      }, spec.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Runs every schedule's targets once, now, as their next tick would; resolves when all answered. */
  async runNow(): Promise<void> {
    await Promise.all(this.specs.flatMap((spec) => spec.targets.map((t) => t.fn.invoke(t.input))));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
  }
}
