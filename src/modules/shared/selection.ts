/**
 * Looking ahead at what a query selects below the field being resolved, so that a resolver can fetch, in the same
 * statement, what the client is about to ask for anyway.
 */
import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

import { assertNever } from '../../assert-never.js';

/** True when the field being resolved selects a field called `name` directly below it (also through fragments). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return selectedFields(info, info.fieldNodes, name).length > 0;
}

/** The fields called `name` selected directly below `parents` (also through fragments), aliases included. */
export function selectedFields(info: GraphQLResolveInfo, parents: readonly FieldNode[], name: string): FieldNode[] {
  return parents.flatMap((parent) => fieldsIn(parent.selectionSet, name, info));
}

function fieldsIn(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): FieldNode[] {
  return (selectionSet?.selections ?? []).flatMap((selection) => {
    if (!included(selection, info)) return [];
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name ? [selection] : [];
      case Kind.INLINE_FRAGMENT:
        return fieldsIn(selection.selectionSet, name, info);
      case Kind.FRAGMENT_SPREAD:
        return fieldsIn(info.fragments[selection.name.value]?.selectionSet, name, info);
      default:
        return assertNever(selection, 'selection kind');
    }
  });
}

/** False for a selection that `@skip` or `@include` leaves out of this request: it will not be resolved. */
function included(selection: SelectionNode, info: GraphQLResolveInfo): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false;
}
