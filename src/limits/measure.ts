/**
 * Measures an operation before it runs: how deep it nests, what it may cost, how many aliases and directives it
 * uses. Pure: schema, document and variables in, numbers out.
 *
 * Cost: every field costs 1, plus its sub-selection times a multiplier: the field's `first` argument (the page
 * size of a connection), or LIST_SIZE for any other list (except the lists directly inside a paged field, such as a
 * connection's own `edges`/`nodes`: they are the page, already counted by its `first`), or 1. So nested connections multiply, as their result sizes do. `first` is the value the resolver
 * will use (`readPage`): the literal, else the variable as sent, else the variable's default, else the argument's
 * default, and `null` (written, or sent) is the argument's default too. Introspection fields (`__schema`,
 * `__type`) count neither for depth nor cost. A cost past Number.MAX_SAFE_INTEGER is reported as that number.
 *
 * Why not graphql-query-complexity: its estimators see `first: null` as null (the resolver pages by 20), it
 * measures neither depth nor aliases, and our messages name each limit and by how much it is over; what it would
 * save is this walk over the selection set, which is short.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  getVariableValues,
  Kind,
  valueFromAST,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import { assertNever } from '../assert-never.js';
import { DEFAULT_PAGE_SIZE } from '../modules/shared/pagination.js';

/** The assumed length of a list without a `first` argument. */
export const LIST_SIZE = 10;

/** A cost beyond this is not counted further (deep nesting would otherwise reach `Infinity`). */
export const COST_CEILING = Number.MAX_SAFE_INTEGER;

export interface OperationMeasure {
  depth: number;
  cost: number;
  aliases: number;
  directives: number;
}

interface SelectionMeasure {
  depth: number;
  cost: number;
  aliases: number;
}

export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  // The variables as execution will see them, defaults applied. Invalid ones fail execution before anything runs.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const variableValues = coerced.coerced ?? {};
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment measures the same wherever it is spread, so each is measured once: spreads that fan out (A spreads
  // B twice, B spreads C twice, ...) cost linear time, not exponential.
  // Keyed by name and by whether the fragment is spread directly inside a paged field.
  const fragmentMeasures = new Map<string, SelectionMeasure>();

  /** `paged`: the selection set is that of a field with a `first` argument, whose lists are its page. */
  const measureSelections = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined, paged: boolean): SelectionMeasure => {
    const total: SelectionMeasure = { depth: 0, cost: 0, aliases: 0 };
    const add = (part: SelectionMeasure) => {
      total.depth = Math.max(total.depth, part.depth);
      total.cost = Math.min(COST_CEILING, total.cost + part.cost);
      total.aliases += part.aliases;
    };
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          add(measureField(selection, parentType, paged));
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          add(measureSelections(selection.selectionSet, type ?? undefined, paged));
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const key = `${name}:${paged}`;
          let measure = fragmentMeasures.get(key);
          if (!measure) {
            const fragment = fragments.get(name);
            // Validation has already refused unknown and cyclic fragments; the placeholder guards against a cycle anyway.
            fragmentMeasures.set(key, { depth: 0, cost: 0, aliases: 0 });
            measure = fragment
              ? measureSelections(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, paged)
              : { depth: 0, cost: 0, aliases: 0 };
            fragmentMeasures.set(key, measure);
          }
          add(measure);
          break;
        }
        default:
          assertNever(selection, 'selection kind');
      }
    }
    return total;
  };

  const measureField = (node: FieldNode, parentType: GraphQLNamedType | undefined, inPage: boolean): SelectionMeasure => {
    const aliases = node.alias ? 1 : 0;
    if (node.name.value.startsWith('__')) return { depth: 0, cost: 0, aliases };
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return { depth: 1, cost: 1, aliases };
    const firstArgument = field?.args.find((argument) => argument.name === 'first');
    // A paged field that returns an object (a connection) holds its page in that object's lists.
    const paged = firstArgument !== undefined && field !== undefined && !isListType(getNullableType(field.type));
    const children = measureSelections(node.selectionSet, field ? getNamedType(field.type) : undefined, paged);
    let multiplier = 1;
    if (firstArgument) {
      const given = node.arguments?.find((argument) => argument.name.value === 'first');
      const value = given ? valueFromAST(given.value, firstArgument.type, variableValues) : undefined;
      const used = value ?? firstArgument.defaultValue ?? DEFAULT_PAGE_SIZE;
      multiplier = typeof used === 'number' && Number.isFinite(used) ? Math.max(1, used) : 1;
    } else if (field && isListType(getNullableType(field.type)) && !inPage) {
      multiplier = LIST_SIZE;
    }
    const cost = Math.min(COST_CEILING, 1 + multiplier * children.cost);
    return { depth: children.depth + 1, cost, aliases: aliases + children.aliases };
  };

  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const measure = measureSelections(operation.selectionSet, rootType, false);
  let directives = 0;
  visit(document, { Directive: () => void (directives += 1) });
  return { ...measure, directives };
}
