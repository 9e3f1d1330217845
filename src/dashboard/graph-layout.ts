/**
 * The evidence graph of the dashboard: which nodes and edges to draw (buildGraph, pure), and where (layoutGraph,
 * by elkjs's layered algorithm with one partition per column). Left to right along the chain of evidence:
 * decision, offers, determinants, their evidence (published sources and insights), trusts. A determinant's insights are one node with
 * their counts until the reader expands it; the trusts appear with the insights they come from.
 */
import type { ELK, ELKConstructorArguments, ElkNode } from 'elkjs/lib/elk-api.js';
import elkWorkerUrl from 'elkjs/lib/elk-worker.min.js?url';

import type { Stance } from '../client/index.js';
import type { EvidenceRow } from './evidence.js';
import type { RowStance } from './labels.js';

export type GraphNodeKind = 'POLICY_DECISION' | 'SUPPORT_OFFER' | 'DETERMINANT' | 'SOURCE' | 'INSIGHT_GROUP' | 'INSIGHT' | 'TRUST';

/** Column order and headings; a column without nodes is left out. */
export const COLUMNS: ReadonlyArray<{ kinds: GraphNodeKind[]; heading: string }> = [
  { kinds: ['POLICY_DECISION'], heading: 'Policy decision' },
  { kinds: ['SUPPORT_OFFER'], heading: 'Support offers' },
  { kinds: ['DETERMINANT'], heading: 'Determinants' },
  // One column for both kinds of evidence on a determinant keeps the drawing wide enough to read when fitted.
  { kinds: ['SOURCE', 'INSIGHT_GROUP', 'INSIGHT'], heading: 'Evidence: published sources, interview insights' },
  { kinds: ['TRUST'], heading: 'Trusts' },
];

export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Global id for node(id:) details; absent for a group of insights. */
  detailsId?: string;
  stance?: RowStance;
  /** For a group: the determinant whose insights it holds, and their stances. */
  group?: { determinantId: string; supporting: number; contradicting: number; mixed: number };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  stance?: Stance | RowStance;
}

export interface GraphInput {
  subject: { id: string; kind: 'POLICY_DECISION' | 'SUPPORT_OFFER' | 'DETERMINANT'; name: string };
  /** For a decision: its offers and the determinants each addresses. */
  offers: ReadonlyArray<{ id: string; name: string; determinantIds: readonly string[] }>;
  determinants: ReadonlyArray<{ id: string; determinantId: string; name: string }>;
  sources: ReadonlyArray<{ id: string; title: string; direct: boolean; links: ReadonlyArray<{ determinantId: string; stance: Stance }> }>;
  rows: readonly EvidenceRow[];
  /** Determinants (by determinantId) whose insights are shown one by one; `DIRECT` for the direct insights. */
  expanded: ReadonlySet<string>;
}

/** The key of the insights that informed the subject directly, in `expanded` and in group ids. */
export const DIRECT = 'DIRECT';

export function buildGraph(input: GraphInput): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const edgeIds = new Set<string>();
  const addEdge = (source: string, target: string, stance?: GraphEdge['stance']) => {
    const id = `${source}->${target}`;
    if (edgeIds.has(id)) return;
    edgeIds.add(id);
    edges.push({ id, source, target, ...(stance && { stance }) });
  };
  const { subject } = input;
  nodes.push({ id: subject.id, kind: subject.kind, label: subject.name, detailsId: subject.id });

  const determinantNode = new Map<string, string>();
  if (subject.kind === 'DETERMINANT') {
    const own = input.determinants[0];
    if (own) determinantNode.set(own.determinantId, subject.id);
  } else {
    for (const determinant of input.determinants) {
      nodes.push({ id: determinant.id, kind: 'DETERMINANT', label: `${determinant.determinantId} ${determinant.name}`, detailsId: determinant.id });
      determinantNode.set(determinant.determinantId, determinant.id);
    }
    if (subject.kind === 'POLICY_DECISION') {
      for (const offer of input.offers) {
        nodes.push({ id: offer.id, kind: 'SUPPORT_OFFER', label: offer.name, detailsId: offer.id });
        addEdge(subject.id, offer.id);
        for (const determinantId of offer.determinantIds) {
          const target = determinantNode.get(determinantId);
          if (target) addEdge(offer.id, target);
        }
      }
    } else {
      for (const determinant of input.determinants) addEdge(subject.id, determinant.id);
    }
  }

  for (const source of input.sources) {
    nodes.push({ id: source.id, kind: 'SOURCE', label: source.title, detailsId: source.id });
    if (source.direct || subject.kind === 'DETERMINANT') addEdge(subject.id, source.id);
    for (const link of source.links) {
      const from = determinantNode.get(link.determinantId);
      if (from) addEdge(from, source.id, link.stance);
    }
  }

  // Insights, grouped by the determinant they bear on (an insight on two determinants is in both groups) and the
  // direct ones by themselves.
  const groups = new Map<string, EvidenceRow[]>();
  for (const row of input.rows) {
    const keys = [...(row.direct ? [DIRECT] : []), ...row.determinantIds.filter((id) => determinantNode.has(id))];
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const shown = new Map<string, EvidenceRow>();
  for (const [key, rows] of groups) {
    const parent = key === DIRECT ? subject.id : determinantNode.get(key)!;
    if (input.expanded.has(key)) {
      for (const row of rows) {
        if (!shown.has(row.id)) {
          shown.set(row.id, row);
          nodes.push({ id: row.id, kind: 'INSIGHT', label: `${row.insightId}: ${row.summary}`, detailsId: row.id, stance: row.stance });
        }
        addEdge(parent, row.id, row.stance);
      }
    } else {
      const count = (stance: RowStance) => rows.filter((row) => row.stance === stance).length;
      const group = { determinantId: key, supporting: count('SUPPORTS'), contradicting: count('CONTRADICTS'), mixed: count('MIXED') };
      const id = `group:${key}`;
      nodes.push({ id, kind: 'INSIGHT_GROUP', label: `${rows.length} insight${rows.length === 1 ? '' : 's'}`, group });
      addEdge(parent, id);
    }
  }
  const trusts = new Map<string, NonNullable<EvidenceRow['trust']>>();
  for (const row of shown.values()) {
    if (!row.trust) continue;
    trusts.set(row.trust.id, row.trust);
    addEdge(row.id, row.trust.id);
  }
  for (const trust of trusts.values()) nodes.push({ id: trust.id, kind: 'TRUST', label: trust.name, detailsId: trust.id });
  return { nodes, edges };
}

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 42;
export const HEADING_HEIGHT = 36;

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}

export interface PlacedEdge extends GraphEdge {
  /** SVG path data. */
  path: string;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  headings: Array<{ heading: string; x: number }>;
  width: number;
  height: number;
}

/**
 * elkjs is large (1.4 MB) and its layout is CPU work: both run in a Web Worker, so that neither holds up the page's
 * main thread while the view's first parts paint (on the bundled data every insight is in within a second, and a
 * layout on the main thread then delayed the profile's first paint). The worker starts with the first graph.
 */
let elk: Promise<ELK> | undefined;
/** Starts the layout worker (call it as soon as a graph is likely, so that it loads beside the data). */
export const loadElk = () =>
  (elk ??= import('elkjs/lib/elk-api.js').then(
    // The module is CommonJS: its module.exports, the constructor, arrives as the default export.
    ({ default: Elk }) =>
      // The worker script is served as it is (`?url`): it sets up its own message handler.
      new (Elk as unknown as new (args?: ELKConstructorArguments) => ELK)({ workerUrl: elkWorkerUrl }),
  ));

function columnOf(kind: GraphNodeKind): number {
  return COLUMNS.findIndex((column) => column.kinds.includes(kind));
}

export async function layoutGraph(graph: { nodes: GraphNode[]; edges: GraphEdge[] }): Promise<GraphLayout> {
  const root: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '10',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'POLYLINE',
      'elk.padding': `[top=${HEADING_HEIGHT + 8},left=16,bottom=16,right=16]`,
    },
    children: graph.nodes.map((node) => ({
      id: node.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      layoutOptions: { 'elk.partitioning.partition': String(columnOf(node.kind)) },
    })),
    edges: graph.edges.map((edge) => ({ id: edge.id, sources: [edge.source], targets: [edge.target] })),
  };
  const laid = await (await loadElk()).layout(root);
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const nodes: PlacedNode[] = (laid.children ?? []).map((child) => ({ ...byId.get(child.id)!, x: child.x ?? 0, y: child.y ?? 0 }));
  const edgeById = new Map(graph.edges.map((edge) => [edge.id, edge]));
  const edges: PlacedEdge[] = (laid.edges ?? []).flatMap((edge) => {
    const section = edge.sections?.[0];
    const source = edgeById.get(edge.id);
    if (!section || !source) return [];
    const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
    return [{ ...source, path: toPath(points) }];
  });
  const headings = COLUMNS.flatMap((column) => {
    const xs = nodes.filter((node) => column.kinds.includes(node.kind)).map((node) => node.x);
    return xs.length === 0 ? [] : [{ heading: column.heading, x: Math.min(...xs) }];
  });
  return { nodes, edges, headings, width: laid.width ?? 0, height: laid.height ?? 0 };
}

/** A smooth path through ELK's points: straight for two, a Catmull-Rom spline turned into cubic Béziers for more. */
function toPath(points: ReadonlyArray<{ x: number; y: number }>): string {
  const [first, ...rest] = points;
  if (!first) return '';
  if (rest.length === 1) {
    const end = rest[0]!;
    const bend = (end.x - first.x) / 2;
    return `M ${first.x} ${first.y} C ${first.x + bend} ${first.y}, ${end.x - bend} ${end.y}, ${end.x} ${end.y}`;
  }
  let d = `M ${first.x} ${first.y}`;
  for (let i = 0; i < points.length - 1; i += 1) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    d += ` C ${p1.x + (p2.x - p0.x) / 6} ${p1.y + (p2.y - p0.y) / 6}, ${p2.x - (p3.x - p1.x) / 6} ${p2.y - (p3.y - p1.y) / 6}, ${p2.x} ${p2.y}`;
  }
  return d;
}
