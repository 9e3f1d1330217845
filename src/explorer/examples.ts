/**
 * Turns src/client/operations/examples.graphql into GraphiQL tabs: one tab per operation, in file order, each with
 * the comment block written directly above it (the file's header, separated by a blank line, goes to no tab).
 */
import { Kind, parse } from 'graphql';

export interface ExampleTab {
  /** The operation name: GraphiQL shows it as the tab title. */
  name: string;
  query: string;
}

export function splitExamples(source: string): ExampleTab[] {
  const tabs: ExampleTab[] = [];
  for (const definition of parse(source).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name || !definition.loc) continue;
    const comment = commentAbove(source.slice(0, definition.loc.start));
    const operation = source.slice(definition.loc.start, definition.loc.end);
    tabs.push({ name: definition.name.value, query: `${comment}${operation}\n` });
  }
  return tabs;
}

/** The contiguous `#` lines at the end of `text`, with their newlines. */
function commentAbove(text: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  let start = lines.length;
  while (start > 0 && lines[start - 1]!.trim().startsWith('#')) start -= 1;
  const block = lines.slice(start);
  return block.length > 0 ? `${block.join('\n')}\n` : '';
}
