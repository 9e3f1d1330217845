/**
 * Vite's `?url` imports (a file served as it is, by its URL) for the Node-side type check: the dashboard's graph
 * layout (src/dashboard/graph-layout.ts) is also imported by unit tests. The pages' own check has vite/client.
 */
declare module '*?url' {
  const url: string;
  export default url;
}
