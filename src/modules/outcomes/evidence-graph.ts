/**
 * Draws an evidence trail as nodes and edges. Pure shaping of rows the repository already returned: no counting
 * happens here.
 */
import { toGlobalId } from '../shared/global-id.js';
import type { EvidenceSubject, Informer, InsightEvidenceModel, SourceEvidenceModel } from './model.js';

export type NodeType = 'SUPPORT_OFFER' | 'POLICY_DECISION' | 'DETERMINANT' | 'INSIGHT' | 'INTERVIEW' | 'TRUST' | 'SOURCE' | 'WORKSHOP';
export type EdgeType = 'ADDRESSES' | 'EVIDENCES' | 'INFORMED_BY' | 'PRODUCED' | 'FROM' | 'AT';

export interface GraphNode {
  id: string;
  type: NodeType;
  label: string;
}

export interface GraphEdge {
  id: string;
  type: EdgeType;
  source: string;
  target: string;
  stance: 'SUPPORTS' | 'CONTRADICTS' | null;
}

export interface EvidenceGraphInput {
  subject: EvidenceSubject & { name: string };
  offers: Array<{ id: string; name: string }>;
  addressed: Array<{ offerId: string; determinantId: string }>;
  determinants: Array<{ determinant: { id: string; name: string } }>;
  insights: InsightEvidenceModel[];
  sources: SourceEvidenceModel[];
  workshops: Array<{ id: string; title: string }>;
  produced: Array<{ workshopId: string; offerId: string }>;
}

const GRAPHQL_TYPES: Record<NodeType, string> = {
  SUPPORT_OFFER: 'SupportOffer',
  POLICY_DECISION: 'PolicyDecision',
  DETERMINANT: 'Determinant',
  INSIGHT: 'Insight',
  INTERVIEW: 'Interview',
  TRUST: 'Trust',
  SOURCE: 'Source',
  WORKSHOP: 'Workshop',
};

export function buildEvidenceGraph(input: EvidenceGraphInput): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const node = (type: NodeType, key: string, label: string) => {
    const id = toGlobalId(GRAPHQL_TYPES[type], key);
    if (!nodes.has(id)) nodes.set(id, { id, type, label });
    return id;
  };
  const edge = (type: EdgeType, source: string, target: string, stance: GraphEdge['stance'] = null) => {
    const id = `${type}:${source}:${target}`;
    if (!edges.has(id)) edges.set(id, { id, type, source, target, stance });
  };

  const subjectType: NodeType = input.subject.kind === 'offer' ? 'SUPPORT_OFFER' : 'POLICY_DECISION';
  const subject = node(subjectType, input.subject.id, input.subject.name);
  const offerIds = new Map<string, string>();
  for (const offer of input.offers) {
    const id = node('SUPPORT_OFFER', offer.id, offer.name);
    offerIds.set(offer.id, id);
    if (id !== subject) edge('INFORMED_BY', subject, id);
  }
  const determinantIds = new Map<string, string>();
  for (const { determinant } of input.determinants) {
    determinantIds.set(determinant.id, node('DETERMINANT', determinant.id, determinant.name));
  }
  for (const { offerId, determinantId } of input.addressed) {
    const from = offerIds.get(offerId);
    const to = determinantIds.get(determinantId);
    if (from && to) edge('ADDRESSES', from, to);
  }
  for (const workshop of input.workshops) node('WORKSHOP', workshop.id, workshop.title);
  for (const { workshopId, offerId } of input.produced) {
    const offer = offerIds.get(offerId);
    if (offer) edge('PRODUCED', toGlobalId('Workshop', workshopId), offer);
  }
  // Evidence that informed an offer of a decision hangs off that offer, not off the decision.
  const drawnInformers = (informers: Informer[]) =>
    informers.flatMap((informer) => {
      const isSubject = informer.kind === input.subject.kind && informer.id === input.subject.id;
      const id = isSubject ? subject : informer.kind === 'offer' ? offerIds.get(informer.id) : undefined;
      return id ? [id] : [];
    });
  for (const row of input.insights) {
    const insight = node('INSIGHT', row.insight.id, row.insight.summary);
    // No date in the label: an interview's date is for researchers, the graph for analysts (schema/auth.graphql).
    const interview = node('INTERVIEW', row.interview.id, `Interview ${row.interview.id}`);
    edge('FROM', insight, interview);
    // An interview whose trust is not known (a survey response) stands on its own.
    if (row.trust) edge('AT', interview, node('TRUST', row.trust.odsCode, row.trust.name));
    for (const informer of drawnInformers(row.informedBy)) edge('INFORMED_BY', informer, insight);
    for (const link of row.determinants) {
      const determinant = determinantIds.get(link.determinantId);
      if (determinant) edge('EVIDENCES', insight, determinant, link.stance);
    }
  }
  for (const row of input.sources) {
    const source = node('SOURCE', row.source.id, row.source.title);
    for (const informer of drawnInformers(row.informedBy)) edge('INFORMED_BY', informer, source);
    for (const link of row.determinants) {
      const determinant = determinantIds.get(link.determinantId);
      if (determinant) edge('EVIDENCES', source, determinant, link.stance);
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
