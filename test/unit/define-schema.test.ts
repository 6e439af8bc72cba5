import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { schema } from '../../shared/schemas/define.ts';

describe('schema(): built on first use', () => {
  it('builds nothing until the schema is touched, then builds once', () => {
    let builds = 0;
    const Name = schema(() => {
      builds++;
      return z.string().min(1);
    });
    expect(builds).toBe(0);
    expect(Name.safeParse('a').success).toBe(true);
    expect(Name.safeParse('').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('validates exactly as the zod schema it stands for, composed into others', () => {
    const Inner = schema(() => z.object({ n: z.number().int() }));
    const Outer = schema(() => z.object({ inner: Inner, tags: z.array(z.string()).max(1) }));
    expect(Outer.parse({ inner: { n: 1 }, tags: ['x'], extra: 1 })).toEqual({ inner: { n: 1 }, tags: ['x'] });
    const failed = Outer.safeParse({ inner: { n: 1.5 }, tags: ['x', 'y'] });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues.map((i) => i.path.join('.'))).toEqual(['inner.n', 'tags']);
    expect(Outer instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Outer.shape)).toEqual(['inner', 'tags']);
    expect(z.toJSONSchema(Outer)).toMatchObject({
      properties: { inner: { properties: { n: { type: 'integer' } } } },
    });
  });
});
