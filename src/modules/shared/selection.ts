/**
 * What a query selects directly below a field, as graphql-js's CollectFields (spec section 6.3.2) gathers it: through
 * inline fragments and fragment spreads, without the selections `@skip` or `@include` leave out of this request,
 * grouped by response key (alias, else name) in document order. Type conditions are not checked: a fragment on
 * another type can only add a field that will not run, never hide one that will.
 */
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

import { assertNever } from '../../assert-never.js';

/** The parts of an operation a selection is read against (both in graphql-js's `GraphQLResolveInfo`). */
export interface Operation {
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** The fields selected directly below `parents`, by response key: the groups graphql-js resolves as one field each. */
export function collectSubfields(operation: Operation, parents: readonly FieldNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const parent of parents) collect(operation, parent.selectionSet, fields, visited);
  return fields;
}

function collect(operation: Operation, selectionSet: SelectionSetNode | undefined, fields: Map<string, FieldNode[]>, visited: Set<string>): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (!included(selection, operation)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        fields.set(key, [...(fields.get(key) ?? []), selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        collect(operation, selection.selectionSet, fields, visited);
        break;
      case Kind.FRAGMENT_SPREAD:
        // As in graphql-js, a fragment spread twice below one field is collected once.
        if (visited.has(selection.name.value)) break;
        visited.add(selection.name.value);
        collect(operation, operation.fragments[selection.name.value]?.selectionSet, fields, visited);
        break;
      default:
        assertNever(selection, 'selection kind');
    }
  }
}

/** False for a selection that `@skip` or `@include` leaves out of this request: it will not be resolved. */
function included(selection: SelectionNode, { variableValues }: Operation): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, variableValues)?.if !== false;
}
