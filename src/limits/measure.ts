/**
 * Measures an operation before it runs: how deep it nests, what it may cost, how many aliases and directives it
 * uses. Pure: schema, document and variables in, numbers out.
 *
 * Cost: every field costs 1, plus its sub-selection times a multiplier: the field's `first` argument (the page
 * size of a connection, from the literal, the variable or the schema default), or LIST_SIZE for any other list
 * (except a connection's own `edges`/`nodes`, already counted by its `first`), or 1. So nested connections
 * multiply, as their result sizes do. Introspection fields (`__schema`, `__type`) count neither for depth nor cost.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
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

/** The assumed length of a list without a `first` argument. */
export const LIST_SIZE = 10;

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
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // A fragment measures the same wherever it is spread, so each is measured once: spreads that fan out (A spreads
  // B twice, B spreads C twice, ...) cost linear time, not exponential.
  const fragmentMeasures = new Map<string, SelectionMeasure>();

  const measureSelections = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType | undefined): SelectionMeasure => {
    const total: SelectionMeasure = { depth: 0, cost: 0, aliases: 0 };
    const add = (part: SelectionMeasure) => {
      total.depth = Math.max(total.depth, part.depth);
      total.cost += part.cost;
      total.aliases += part.aliases;
    };
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          add(measureField(selection, parentType));
          break;
        case Kind.INLINE_FRAGMENT: {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
          add(measureSelections(selection.selectionSet, type ?? undefined));
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          let measure = fragmentMeasures.get(name);
          if (!measure) {
            const fragment = fragments.get(name);
            // Validation has already refused unknown and cyclic fragments; the placeholder guards against a cycle anyway.
            fragmentMeasures.set(name, { depth: 0, cost: 0, aliases: 0 });
            measure = fragment
              ? measureSelections(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined)
              : { depth: 0, cost: 0, aliases: 0 };
            fragmentMeasures.set(name, measure);
          }
          add(measure);
          break;
        }
      }
    }
    return total;
  };

  const measureField = (node: FieldNode, parentType: GraphQLNamedType | undefined): SelectionMeasure => {
    const aliases = node.alias ? 1 : 0;
    if (node.name.value.startsWith('__')) return { depth: 0, cost: 0, aliases };
    const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[node.name.value] : undefined;
    if (!node.selectionSet) return { depth: 1, cost: 1, aliases };
    const children = measureSelections(node.selectionSet, field ? getNamedType(field.type) : undefined);
    let multiplier = 1;
    const firstArgument = field?.args.find((argument) => argument.name === 'first');
    if (firstArgument) {
      const given = node.arguments?.find((argument) => argument.name.value === 'first');
      const value = given ? valueFromAST(given.value, firstArgument.type, variables) : firstArgument.defaultValue;
      multiplier = typeof value === 'number' && Number.isFinite(value) ? Math.max(1, value) : 1;
    } else if (field && isListType(getNullableType(field.type)) && !parentType?.name.endsWith('Connection')) {
      multiplier = LIST_SIZE;
    }
    return { depth: children.depth + 1, cost: 1 + multiplier * children.cost, aliases: aliases + children.aliases };
  };

  const rootType = schema.getRootType(operation.operation) ?? undefined;
  const measure = measureSelections(operation.selectionSet, rootType);
  let directives = 0;
  visit(document, { Directive: () => void (directives += 1) });
  return { ...measure, directives };
}
