import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildOssApp } from '../oss-app.ts';

/** One CloudFormation resource as synthesized. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface SynthesizedStack {
  readonly stackName: string;
  readonly resources: Record<string, CfnResource>;
  readonly outputs: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

/**
 * Synthesizes the CDK app in-process, exactly as `cdk synth` would but without bundling
 * (the local runner runs the functions' source), and returns every stack's template.
 */
export function synthesizeApp(context: Record<string, unknown>): SynthesizedStack[] {
  const outdir = mkdtempSync(path.join(tmpdir(), 'oss-synth-'));
  try {
    const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
    buildOssApp(app);
    const assembly = app.synth();
    return collectStacks(assembly);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function collectStacks(assembly: CloudAssembly): SynthesizedStack[] {
  const stacks: SynthesizedStack[] = assembly.stacks.map((s) => {
    const template = JSON.parse(readFileSync(s.templateFullPath, 'utf8')) as {
      Resources?: Record<string, CfnResource>;
      Outputs?: SynthesizedStack['outputs'];
    };
    return { stackName: s.stackName, resources: template.Resources ?? {}, outputs: template.Outputs ?? {} };
  });
  for (const nested of assembly.nestedAssemblies) stacks.push(...collectStacks(nested.nestedAssembly));
  return stacks;
}

/** Reads the `context` block of cdk.json, so `npm start` sees what `cdk synth` sees. */
export function cdkJsonContext(projectRoot: string): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}
