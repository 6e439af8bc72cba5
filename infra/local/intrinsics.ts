import type { SynthesizedStack } from './template.ts';

/** What a logical resource resolves to locally: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface LocalResource {
  readonly ref: string;
  readonly attributes: Record<string, string>;
}

export interface ResolveScope {
  readonly stack: SynthesizedStack;
  /** `<stackName>/<logicalId>` → the local resource. */
  readonly resources: ReadonlyMap<string, LocalResource>;
  /** Export name → value, from every stack's outputs (cross-stack references inside a Stage). */
  readonly exports: ReadonlyMap<string, unknown>;
  readonly pseudo: Readonly<Record<string, string>>;
}

export class UnresolvableError extends Error {}

/**
 * Resolves the CloudFormation intrinsic functions CDK emits (Ref, Fn::GetAtt, Fn::Join,
 * Fn::Select, Fn::Split, Fn::Sub, Fn::ImportValue, pseudo parameters) against local resources.
 */
export function resolve(value: unknown, scope: ResolveScope): unknown {
  if (Array.isArray(value)) return value.map((v) => resolve(v, scope));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const [fn, arg] = first;
    switch (fn) {
      case 'Ref':
        return ref(String(arg), scope);
      case 'Fn::GetAtt': {
        const [id, attr] = (Array.isArray(arg) ? arg : String(arg).split('.')) as [string, string];
        const resource = scope.resources.get(`${scope.stack.stackName}/${id}`);
        const v = resource?.attributes[attr];
        if (v === undefined) throw new UnresolvableError(`cannot resolve Fn::GetAtt ${id}.${attr}`);
        return v;
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, unknown[]];
        return (resolve(parts, scope) as unknown[]).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (resolve(list, scope) as unknown[])[Number(resolve(index, scope))];
      }
      case 'Fn::Split': {
        const [sep, text] = arg as [string, unknown];
        return String(resolve(text, scope)).split(sep);
      }
      case 'Fn::Sub': {
        const [template, vars] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, unknown>];
        return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
          if (name in vars) return String(resolve(vars[name], scope));
          if (name.includes('.')) {
            const [id, attr] = name.split('.') as [string, string];
            return String(resolve({ 'Fn::GetAtt': [id, attr] }, scope));
          }
          return String(ref(name, scope));
        });
      }
      case 'Fn::ImportValue': {
        const name = String(resolve(arg, scope));
        if (!scope.exports.has(name)) throw new UnresolvableError(`no export named ${name}`);
        return scope.exports.get(name);
      }
      default:
        break;
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolve(v, scope)]));
}

function ref(name: string, scope: ResolveScope): string {
  if (name in scope.pseudo) return scope.pseudo[name] as string;
  if (name === 'AWS::StackName') return scope.stack.stackName;
  const resource = scope.resources.get(`${scope.stack.stackName}/${name}`);
  if (!resource) throw new UnresolvableError(`cannot resolve Ref ${name} in ${scope.stack.stackName}`);
  return resource.ref;
}
