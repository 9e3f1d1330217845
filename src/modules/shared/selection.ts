/**
 * Looking ahead at what a query selects below the field being resolved, so that a resolver can fetch, in the same
 * statement, what the client is about to ask for anyway.
 */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** True when the field being resolved selects a field called `name` directly below it (also through fragments). */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((field) => selectsIn(field.selectionSet, name, info));
}

function selectsIn(selectionSet: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo): boolean {
  return (selectionSet?.selections ?? []).some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name;
      case Kind.INLINE_FRAGMENT:
        return selectsIn(selection.selectionSet, name, info);
      case Kind.FRAGMENT_SPREAD:
        return selectsIn(info.fragments[selection.name.value]?.selectionSet, name, info);
    }
  });
}
