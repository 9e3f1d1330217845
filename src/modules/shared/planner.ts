/**
 * The read planner of one request (`context.planner`): what a query needs below the field being resolved, so that a
 * resolver can start, in the tick it runs, the reads its subfields are about to make (one round trip, not two).
 *
 * It answers three questions, each once per request: which fields are selected below (src/modules/shared/selection.ts:
 * fragments, `@skip`, `@include`), which of them the viewer may resolve (the `@auth` rule of src/auth/field-roles.ts,
 * checked as src/auth/directive.ts checks it: a refused field needs nothing), and their arguments (graphql-js's
 * `getArgumentValues`, defaults applied). A value derived from a field's arguments (a page, a cursor) is computed once
 * too, and an error in it is kept, never dropped: a read planned ahead skips the field, and the field's own resolver,
 * deriving the same value, throws that error where it belongs.
 */
import {
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';

import { mayResolve } from '../../auth/directive.js';
import { fieldRole } from '../../auth/field-roles.js';
import type { Viewer } from '../../auth/viewer.js';
import { collectSubfields } from './selection.js';

type ParentType = GraphQLObjectType | GraphQLInterfaceType;
type Derived<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class ReadPlanner {
  /** Plans by operation (its variables) and by the first node of their field, so that a look-ahead and the field's own resolver share one. */
  private readonly plans = new Map<object, Map<FieldNode, FieldPlan[]>>();

  constructor(private readonly viewer: Viewer | null) {}

  /** The plan of the field `info` resolves. */
  plan(info: GraphQLResolveInfo): FieldPlan {
    return this.planOf(info, info.parentType, info.fieldNodes, null);
  }

  /** True when the viewer may resolve `typeName.fieldName`: the rule `@auth` enforces on it. */
  permits(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
    const type = schema.getType(typeName);
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
    if (!type || !field) throw new Error(`${typeName}.${fieldName} is not in the schema.`);
    return mayResolve(this.viewer, fieldRole(schema, type, field));
  }

  /** @internal the plan of the field `nodes` select on `parentType`, below `parent` (null: the field being resolved). */
  planOf(info: GraphQLResolveInfo, parentType: ParentType, nodes: readonly FieldNode[], parent: FieldPlan | null): FieldPlan {
    let byNode = this.plans.get(info.variableValues);
    if (!byNode) this.plans.set(info.variableValues, (byNode = new Map<FieldNode, FieldPlan[]>()));
    const known = byNode.get(nodes[0]!) ?? [];
    let plan = known.find((candidate) => candidate.parentType === parentType && sameNodes(candidate.nodes, nodes));
    if (!plan) {
      plan = new FieldPlan(this, info, parentType, nodes, parent);
      byNode.set(nodes[0]!, [...known, plan]);
    }
    return plan;
  }
}

/** One field of the request (all the nodes graphql-js merges into it): what it selects, its arguments, its access. */
export class FieldPlan {
  private subfields: Map<string, FieldPlan[]> | undefined;
  private access: boolean | undefined;
  private readonly derived = new Map<string, Derived<unknown>>();
  readonly definition: GraphQLField<unknown, unknown> | undefined;

  constructor(
    private readonly planner: ReadPlanner,
    private readonly info: GraphQLResolveInfo,
    readonly parentType: ParentType,
    readonly nodes: readonly FieldNode[],
    private readonly parent: FieldPlan | null,
  ) {
    this.definition = parentType.getFields()[nodes[0]!.name.value];
  }

  /** True when the viewer may resolve this field and every field planned above it. */
  get permitted(): boolean {
    if (this.access === undefined) {
      const { definition, parent } = this;
      this.access = definition !== undefined && (parent?.permitted ?? true) && this.planner.permits(this.info.schema, this.parentType.name, definition.name);
    }
    return this.access;
  }

  /** The fields called `name` selected directly below this one that the viewer may resolve, one per response key (alias). */
  fields(name: string): FieldPlan[] {
    return (this.subfields ??= this.planSubfields()).get(name)?.filter((field) => field.permitted) ?? [];
  }

  /** True when a field called `name` below this one will be resolved. */
  selects(name: string): boolean {
    return this.fields(name).length > 0;
  }

  /** The field's arguments as its resolver receives them; throws what is wrong with them. */
  get args(): Record<string, unknown> {
    const outcome = this.outcome('arguments', () => getArgumentValues(this.definition!, this.nodes[0]!, this.info.variableValues));
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /**
   * `compute(args)`, once per request for this field and `key`: its value, or the error it threw, thrown again to
   * every caller. The field's resolver derives through here what a read planned ahead derived before it.
   */
  derive<T>(key: string, compute: (args: Record<string, unknown>) => T): T {
    const outcome = this.outcome(`derived:${key}`, () => compute(this.args));
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** As `derive`, for a read planned ahead: undefined when the value cannot be had, its error kept for the resolver. */
  peek<T>(key: string, compute: (args: Record<string, unknown>) => T): T | undefined {
    const outcome = this.outcome(`derived:${key}`, () => compute(this.args));
    return outcome.ok ? outcome.value : undefined;
  }

  private outcome<T>(key: string, compute: () => T): Derived<T> {
    let outcome = this.derived.get(key) as Derived<T> | undefined;
    if (!outcome) {
      try {
        outcome = { ok: true, value: compute() };
      } catch (error) {
        outcome = { ok: false, error };
      }
      this.derived.set(key, outcome);
    }
    return outcome;
  }

  private planSubfields(): Map<string, FieldPlan[]> {
    const byName = new Map<string, FieldPlan[]>();
    const type = this.definition && getNamedType(this.definition.type);
    if (!isObjectType(type) && !isInterfaceType(type)) return byName;
    for (const nodes of collectSubfields(this.info, this.nodes).values()) {
      const name = nodes[0]!.name.value;
      if (!type.getFields()[name]) continue; // __typename and other meta fields read nothing
      byName.set(name, [...(byName.get(name) ?? []), this.planner.planOf(this.info, type, nodes, this)]);
    }
    return byName;
  }
}

function sameNodes(a: readonly FieldNode[], b: readonly FieldNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node === b[i]);
}
