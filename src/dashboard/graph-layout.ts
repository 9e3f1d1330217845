/**
 * Places an evidence graph in columns, left to right along the chain of evidence: workshops, decisions, offers,
 * determinants, sources, insights, interviews, trusts. Pure and deterministic, so a node keeps its place.
 */
import type { EvidenceNodeType, TrailGraphFragment } from '../client/index.js';

export const COLUMN_ORDER: readonly EvidenceNodeType[] = [
  'WORKSHOP',
  'POLICY_DECISION',
  'SUPPORT_OFFER',
  'DETERMINANT',
  'SOURCE',
  'INSIGHT',
  'INTERVIEW',
  'TRUST',
];

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 32;
const COLUMN_GAP = 56;
const ROW_GAP = 12;
const MARGIN = 24;

export interface PlacedNode {
  id: string;
  type: EvidenceNodeType;
  label: string;
  x: number;
  y: number;
}

export interface GraphLayout {
  nodes: PlacedNode[];
  width: number;
  height: number;
}

export function layoutGraph(graph: Pick<TrailGraphFragment, 'nodes'>): GraphLayout {
  const columns = COLUMN_ORDER.map((type) => graph.nodes.filter((node) => node.type === type)).filter((column) => column.length > 0);
  const tallest = Math.max(1, ...columns.map((column) => column.length));
  const height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const nodes = columns.flatMap((column, columnIndex) => {
    // Centre shorter columns vertically, so edges fan out instead of all running to the top.
    const columnHeight = column.length * NODE_HEIGHT + (column.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    return column.map((node, row) => ({
      id: node.id,
      type: node.type,
      label: node.label,
      x: MARGIN + columnIndex * (NODE_WIDTH + COLUMN_GAP),
      y: top + row * (NODE_HEIGHT + ROW_GAP),
    }));
  });
  const width = MARGIN * 2 + columns.length * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  return { nodes, width, height };
}
