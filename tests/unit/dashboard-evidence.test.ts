import { describe, expect, it } from 'vitest';

import { countStances, filterRows, gradeRows, NO_FILTERS, representTrail, tally, type EvidenceRow, type TrustRow } from '../../src/dashboard/evidence.js';
import { buildGraph } from '../../src/dashboard/graph-layout.js';

function row(id: string, overrides: Partial<EvidenceRow> = {}): EvidenceRow {
  return {
    id: `g-${id}`,
    insightId: id,
    summary: `Insight ${id}`,
    illustrative: true,
    stance: 'SUPPORTS',
    direct: false,
    determinantIds: ['D01'],
    interviewId: 'i01',
    trust: { id: 'g-TA1', odsCode: 'TA1', name: 'Alpha' },
    trustType: 'ACUTE',
    region: 'LONDON',
    roles: [{ roleId: 'cio', name: 'CIO' }],
    suppliers: [{ supplierId: 'epic', name: 'Epic' }],
    study: { studyId: 'nhse-epr-interviews', title: 'NHS England EPR interviews' },
    ...overrides,
  };
}

const rows = [
  row('a'),
  row('b', {
    stance: 'CONTRADICTS',
    region: 'MIDLANDS',
    trust: { id: 'g-TA2', odsCode: 'TA2', name: 'Bravo' },
    interviewId: 'i02',
    roles: [{ roleId: 'cnio', name: 'CNIO' }],
  }),
  row('c', { stance: 'MIXED', determinantIds: ['D01', 'D02'], suppliers: [], study: { studyId: 'other', title: 'Another study' } }),
];

function trust(odsCode: string, overrides: Partial<TrustRow> = {}): TrustRow {
  return { odsCode, region: 'LONDON', type: 'ACUTE', eprStatus: 'NONE_RECORDED', interviewed: false, currentImplementation: null, ...overrides };
}

describe('the evidence view numbers', () => {
  it('count supporting, contradicting and mixed insights as three groups that add up', () => {
    expect(countStances(rows)).toEqual({ supporting: 1, contradicting: 1, mixed: 1, total: 3 });
  });

  it('filter with AND between filters and OR inside one', () => {
    const filters = { ...NO_FILTERS, regions: new Set(['LONDON', 'MIDLANDS']), stances: new Set(['SUPPORTS', 'MIXED']) };
    expect(filterRows(rows, filters).map((r) => r.insightId)).toEqual(['a', 'c']);
    expect(filterRows(rows, { ...NO_FILTERS, supplierIds: new Set(['epic']) }).map((r) => r.insightId)).toEqual(['a', 'b']);
    expect(filterRows(rows, { ...NO_FILTERS, studyIds: new Set(['other']) }).map((r) => r.insightId)).toEqual(['c']);
  });

  it('tally every known group, the unheard at 0, most heard first', () => {
    expect(tally(rows, (r) => [{ key: r.region, label: r.region }], [{ key: 'SOUTH_WEST', label: 'SOUTH_WEST' }])).toEqual([
      { key: 'LONDON', label: 'LONDON', insights: 2 },
      { key: 'MIDLANDS', label: 'MIDLANDS', insights: 1 },
      { key: 'SOUTH_WEST', label: 'SOUTH_WEST', insights: 0 },
    ]);
  });

  it('grade filtered rows by the server rule, a mixed insight on both sides', () => {
    const strength = gradeRows(rows, { sources: 1, supportingSources: 1, contradictingSources: 0 });
    expect([strength.supportingInsights, strength.contradictingInsights, strength.interviews, strength.trusts, strength.roles]).toEqual([2, 2, 2, 2, 2]);
    expect(strength.rule).toBe(
      'HIGH - 1 (amount: 2 interviews < 3, 3 insights < 5) - 1 (breadth: 2 trusts < 3) - 1 (coherence: 50% supporting < 75%) = VERY_LOW',
    );
  });

  it("test the trail's own trusts against England's, listing every supplier", () => {
    const england = [
      trust('TA1', { eprStatus: 'LIVE', currentImplementation: { supplier: { supplierId: 'epic', name: 'Epic' } } }),
      trust('TA2', { region: 'MIDLANDS' }),
      trust('TA3', { region: 'MIDLANDS', eprStatus: 'IN_PROGRESS' }),
      trust('TA4'),
    ];
    const tests = representTrail(rows, england, [
      { supplierId: 'epic', name: 'Epic' },
      { supplierId: 'dedalus', name: 'Dedalus' },
    ]);
    expect(tests.map((t) => t.dimension)).toEqual(['REGION', 'TRUST_TYPE', 'EPR_SUPPLIER', 'EPR_STATUS']);
    const suppliers = tests[2]!.strata.map((s) => [s.label, s.populationTrusts, s.sampleTrusts]);
    expect(suppliers).toEqual([
      ['Dedalus', 0, 0],
      ['Epic', 1, 1],
      ['No live EPR', 3, 1],
    ]);
    const region = tests[0]!;
    expect(region.strata.find((s) => s.key === 'EAST_OF_ENGLAND')).toMatchObject({ label: 'East of England', populationTrusts: 0 });
    expect([region.degreesOfFreedom, region.reliable]).toEqual([1, false]);
  });
});

describe('the evidence graph', () => {
  const input = {
    subject: { id: 'offer', kind: 'SUPPORT_OFFER' as const, name: 'Offer' },
    offers: [],
    determinants: [
      { id: 'g-D01', determinantId: 'D01', name: 'Leadership' },
      { id: 'g-D02', determinantId: 'D02', name: 'Board' },
    ],
    sources: [{ id: 'g-S1', title: 'Report', direct: false, links: [{ determinantId: 'D01', stance: 'SUPPORTS' as const }] }],
    rows,
  };

  it("collapses each determinant's insights into one node with their stances", () => {
    const graph = buildGraph({ ...input, expanded: new Set() });
    expect(graph.nodes.filter((n) => n.kind === 'INSIGHT_GROUP').map((n) => [n.label, n.group])).toEqual([
      ['3 insights', { determinantId: 'D01', supporting: 1, contradicting: 1, mixed: 1 }],
      ['1 insight', { determinantId: 'D02', supporting: 0, contradicting: 0, mixed: 1 }],
    ]);
    expect(graph.nodes.some((n) => n.kind === 'TRUST')).toBe(false);
  });

  it('lists an expanded group one insight at a time, each once, with the trusts they come from', () => {
    const graph = buildGraph({ ...input, expanded: new Set(['D01', 'D02']) });
    expect(graph.nodes.filter((n) => n.kind === 'INSIGHT').map((n) => n.id)).toEqual(['g-a', 'g-b', 'g-c']);
    expect(graph.nodes.filter((n) => n.kind === 'TRUST').map((n) => n.label)).toEqual(['Alpha', 'Bravo']);
    expect(graph.edges.filter((e) => e.target === 'g-c').map((e) => [e.source, e.stance])).toEqual([
      ['g-D01', 'MIXED'],
      ['g-D02', 'MIXED'],
    ]);
  });
});
