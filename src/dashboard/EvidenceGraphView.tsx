/**
 * An evidence trail drawn as an SVG graph. Insight nodes and EVIDENCES edges are coloured by stance; every node is
 * a focusable button (Tab to move, Enter or Space to select) that opens its details.
 */
import type { KeyboardEvent } from 'react';

import type { Stance, TrailGraphFragment } from '../client/index.js';
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout.js';
import { humanise } from './tallies.js';

/** An insight's stance on the subject; MIXED when it both supports and contradicts. */
export type NodeStance = Stance | 'MIXED';

interface Props {
  graph: TrailGraphFragment;
  stances: ReadonlyMap<string, NodeStance>;
  selectedId: string | undefined;
  onSelect(id: string): void;
}

const LABEL_LENGTH = 24;

export function EvidenceGraphView({ graph, stances, selectedId, onSelect }: Props) {
  const layout = layoutGraph(graph);
  const byId = new Map(layout.nodes.map((node) => [node.id, node]));

  const onKeyDown = (event: KeyboardEvent, id: string) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(id);
    }
  };

  return (
    <div className="graph-scroll">
      <svg
        className="evidence-graph"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={`Evidence graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
      >
        <g aria-hidden="true">
          {graph.edges.map((edge) => {
            const from = byId.get(edge.source);
            const to = byId.get(edge.target);
            if (!from || !to) return null;
            // Edges run from the node further left to the one further right, whatever their direction in the graph.
            const [left, right] = from.x <= to.x ? [from, to] : [to, from];
            const x1 = left.x + NODE_WIDTH;
            const y1 = left.y + NODE_HEIGHT / 2;
            const x2 = right.x;
            const y2 = right.y + NODE_HEIGHT / 2;
            const bend = (x2 - x1) / 2;
            return (
              <path
                key={edge.id}
                className={`graph-edge stance-${(edge.stance ?? 'none').toLowerCase()}`}
                d={`M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`}
              />
            );
          })}
        </g>
        {layout.nodes.map((node) => {
          const stance = stances.get(node.id);
          const label = node.label.length > LABEL_LENGTH ? `${node.label.slice(0, LABEL_LENGTH - 1)}…` : node.label;
          const description = `${humanise(node.type)}${stance ? ` (${humanise(stance)})` : ''}: ${node.label}`;
          return (
            <g
              key={node.id}
              className={`graph-node type-${node.type.toLowerCase()} stance-${(stance ?? 'none').toLowerCase()}`}
              data-node-id={node.id}
              transform={`translate(${node.x} ${node.y})`}
              tabIndex={0}
              role="button"
              aria-label={description}
              aria-pressed={node.id === selectedId}
              onClick={() => onSelect(node.id)}
              onKeyDown={(event) => onKeyDown(event, node.id)}
            >
              <title>{description}</title>
              <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
              <text x={8} y={NODE_HEIGHT / 2} dominantBaseline="central">
                {label}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
