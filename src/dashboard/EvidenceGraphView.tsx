/**
 * An evidence trail drawn as an SVG graph, fitted to its box: headed columns, stance colours with a legend, a
 * determinant's insights as one node with their counts until expanded. Every node is a focusable button (Tab to
 * move, Enter or Space to select; on a group, to expand it); the zoom buttons enlarge the drawing in its scroll box
 * and bring the subject into view.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { layoutGraph, HEADING_HEIGHT, NODE_HEIGHT, NODE_WIDTH, type GraphEdge, type GraphLayout, type GraphNode, type PlacedNode } from './graph-layout.js';
import { STANCE_LABELS } from './labels.js';

interface Props {
  graph: { nodes: GraphNode[]; edges: GraphEdge[] };
  subjectId: string;
  selectedId: string | undefined;
  onSelect(node: GraphNode): void;
  onToggleGroup(determinantId: string): void;
}

const KIND_NAMES: Record<GraphNode['kind'], string> = {
  POLICY_DECISION: 'Policy decision',
  SUPPORT_OFFER: 'Support offer',
  DETERMINANT: 'Determinant',
  SOURCE: 'Published source',
  INSIGHT_GROUP: 'Insights',
  INSIGHT: 'Insight',
  TRUST: 'Trust',
};

/** About this many characters fit on one line of a node at 12 px. */
const LINE_LENGTH = 30;

/** The label on two lines at most, cut at a word, with an ellipsis when it does not fit. */
function wrap(label: string): string[] {
  const words = label.split(/\s+/);
  const lines: string[] = [''];
  for (const word of words) {
    const line = lines[lines.length - 1]!;
    if ((line + ' ' + word).trim().length <= LINE_LENGTH) lines[lines.length - 1] = (line + ' ' + word).trim();
    else if (lines.length < 2) lines.push(word);
    else {
      lines[1] = `${lines[1]!.slice(0, LINE_LENGTH - 1)}…`;
      return lines;
    }
  }
  return lines.map((line) => (line.length > LINE_LENGTH ? `${line.slice(0, LINE_LENGTH - 1)}…` : line));
}

function describe(node: GraphNode): string {
  if (node.group) {
    const { supporting, contradicting, mixed } = node.group;
    return `${node.label} (${supporting} supporting, ${contradicting} contradicting, ${mixed} mixed): press to list them`;
  }
  return `${KIND_NAMES[node.kind]}${node.stance ? ` (${STANCE_LABELS[node.stance]})` : ''}: ${node.label}`;
}

export function EvidenceGraphView({ graph, subjectId, selectedId, onSelect, onToggleGroup }: Props) {
  const [layout, setLayout] = useState<GraphLayout>();
  const [zoom, setZoom] = useState(1);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    void layoutGraph(graph).then((laid) => current && setLayout(laid));
    return () => {
      current = false;
    };
  }, [graph]);

  // Keep the subject in view: the fitted drawing may still be taller than its box.
  useEffect(() => {
    const subject = layout?.nodes.find((node) => node.id === subjectId);
    const box = scroller.current;
    if (!subject || !box || !layout) return;
    const scale = (box.clientWidth * zoom) / layout.width;
    box.scrollTo({ left: subject.x * scale - 16, top: Math.max(0, subject.y * scale - box.clientHeight / 2) });
  }, [zoom, layout, subjectId]);

  if (!layout) return <p className="graph-loading">Laying out the graph…</p>;
  const activate = (node: PlacedNode) => (node.group ? onToggleGroup(node.group.determinantId) : onSelect(node));
  const onKeyDown = (event: KeyboardEvent, node: PlacedNode) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      activate(node);
    }
  };

  return (
    <div className="graph">
      <div className="graph-tools no-print" role="group" aria-label="Zoom">
        <button type="button" onClick={() => setZoom(1)} aria-pressed={zoom === 1}>
          Fit
        </button>
        <button type="button" onClick={() => setZoom((z) => Math.min(4, z * 1.5))} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => setZoom((z) => Math.max(1, z / 1.5))} aria-label="Zoom out" disabled={zoom === 1}>
          −
        </button>
      </div>
      <div className="graph-scroll" ref={scroller}>
        <svg
          className="evidence-graph"
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          style={{ width: `${zoom * 100}%` }}
          preserveAspectRatio="xMidYMin meet"
          role="group"
          aria-label={`Evidence graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
        >
          <g className="graph-headings" aria-hidden="true">
            {layout.headings.map((heading) => (
              <text key={heading.heading} x={heading.x} y={HEADING_HEIGHT / 2 + 6}>
                {heading.heading}
              </text>
            ))}
          </g>
          <g aria-hidden="true">
            {layout.edges.map((edge) => (
              <path key={edge.id} className={`graph-edge stance-${(edge.stance ?? 'none').toLowerCase()}`} d={edge.path} />
            ))}
          </g>
          {layout.nodes.map((node) => {
            const description = describe(node);
            const lines = wrap(node.label);
            const pressed = node.group ? undefined : node.id === selectedId;
            return (
              <g
                key={node.id}
                className={`graph-node type-${node.kind.toLowerCase()} stance-${(node.stance ?? 'none').toLowerCase()}`}
                data-node-id={node.id}
                transform={`translate(${node.x} ${node.y})`}
                tabIndex={0}
                role="button"
                aria-describedby={`${node.id}-title`}
                {...(pressed !== undefined && { 'aria-pressed': pressed })}
                onClick={() => activate(node)}
                onKeyDown={(event) => onKeyDown(event, node)}
              >
                {/* The drawn text names the button; the title gives the whole label, as a description and a tooltip. */}
                <title id={`${node.id}-title`}>{description}</title>
                <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={6} />
                {node.group ? <GroupBar group={node.group} /> : null}
                <text x={10} y={lines.length === 1 ? NODE_HEIGHT / 2 : NODE_HEIGHT / 2 - 8} dominantBaseline="central">
                  {lines.map((line, index) => (
                    <tspan key={index} x={10} dy={index === 0 ? 0 : 16}>
                      {index < lines.length - 1 ? `${line} ` : line}
                    </tspan>
                  ))}
                  {node.group && <tspan className="expand-hint"> ▸ list</tspan>}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </div>
  );
}

/** The stances of a group's insights as a stacked bar along the bottom of its node. */
function GroupBar({ group }: { group: NonNullable<GraphNode['group']> }) {
  const total = group.supporting + group.contradicting + group.mixed || 1;
  const width = NODE_WIDTH - 20;
  const parts: Array<[string, number]> = [
    ['supports', group.supporting],
    ['mixed', group.mixed],
    ['contradicts', group.contradicting],
  ];
  let x = 10;
  return (
    <g aria-hidden="true">
      {parts.map(([stance, count]) => {
        const w = (count / total) * width;
        const rect = <rect key={stance} className={`group-bar stance-${stance}`} x={x} y={NODE_HEIGHT - 10} width={w} height={5} />;
        x += w;
        return rect;
      })}
    </g>
  );
}

export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li className="stance-supports">Supports</li>
      <li className="stance-contradicts">Contradicts (dashed line)</li>
      <li className="stance-mixed">Mixed: supports and contradicts</li>
      <li className="legend-group">A bar of colours: a determinant's insights, press to list them</li>
    </ul>
  );
}
