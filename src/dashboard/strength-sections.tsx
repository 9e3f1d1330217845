/**
 * The strength and findings sections of the evidence view (EvidenceView.tsx): the strength profile in words and as
 * components, the findings with their SoQF table, and the printed report's header. Each is given what it shows.
 */
import type { ConcernLevel, FindingRowFragment, StrengthProfileFragment } from '../client/index.js';
import type { StanceCounts } from './evidence.js';
import { plural } from '../modules/shared/words.js';
import { COMPONENT_LABELS, GRADE_LABELS, GRADE_MEANINGS } from './labels.js';
import type { SubjectHeader, SubjectTrail } from './load-evidence.js';
import { DownloadButtons, SortableTable } from './table.js';

type Subject = SubjectHeader;

export const KIND_NAMES = { SupportOffer: 'Support offer', PolicyDecision: 'Policy decision', Determinant: 'Determinant' } as const;

/**
 * The server's stance counts of the whole evidence, from its profile: an insight with links of both kinds counts
 * on both sides there, so mixed = supporting + contradicting - insights.
 */
export function stancesOfProfile(profile: StrengthProfileFragment): StanceCounts {
  const mixed = profile.supportingInsights + profile.contradictingInsights - profile.insights;
  return { supporting: profile.supportingInsights - mixed, contradicting: profile.contradictingInsights - mixed, mixed, total: profile.insights };
}

export function PrintHeader({ subject, filters, provenance }: { subject: Subject; filters: string; provenance: string[] }) {
  return (
    <div className="print-only print-header">
      <p>
        <strong>EPR evidence graph: evidence report</strong>, printed {new Date().toLocaleString('en-GB')}
      </p>
      <p>
        {KIND_NAMES[subject.__typename]}: {subject.name}. Filters: {filters}.
      </p>
      <ul>
        {provenance.slice(2).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/** The profile in words: the grade, what it means, each concern that lowered it and why, and the rule. */
export function StrengthSection({
  strength,
  filtered,
  provenance,
  fileStem,
}: {
  strength: StrengthProfileFragment;
  filtered: StrengthProfileFragment | undefined;
  provenance: string[];
  fileStem: string;
}) {
  const rows: Array<[string, number | string]> = [
    ['Insights', strength.insights],
    ['Supporting insights', strength.supportingInsights],
    ['Contradicting insights', strength.contradictingInsights],
    ['Interviews', strength.interviews],
    ['Trusts', strength.trusts],
    ['Roles', strength.roles],
    ['Regions', strength.regions],
    ['Trust types', strength.trustTypes],
    ['EPR suppliers', strength.suppliers],
    ['Published sources', strength.sources],
    ['Supporting sources', strength.supportingSources],
    ['Contradicting sources', strength.contradictingSources],
  ];
  return (
    <section aria-labelledby="strength-heading">
      <h2 id="strength-heading">How strong is the evidence?</h2>
      <StrengthInWords strength={strength} scope="The whole trail" />
      {filtered && <StrengthInWords strength={filtered} scope="The filtered evidence" />}
      <p className="method">
        An evidence-strength profile in the spirit of GRADE-CERQual, computed from the counts by a fixed rule (README, "Evidence analytics"); it is not a
        GRADE-CERQual assessment, which a researcher makes.
      </p>
      <table className="chart compact">
        <caption>
          Evidence profile (distinct counts){' '}
          <DownloadButtons
            table={() => ({
              name: `${fileStem}-profile`,
              title: 'Evidence profile',
              provenance: [...provenance, `Grade: ${GRADE_LABELS[strength.grade]}. Rule: ${strength.rule}`],
              headers: ['Measure', 'Count'],
              rows,
            })}
          />
        </caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StrengthInWords({ strength, scope }: { strength: StrengthProfileFragment; scope: string }) {
  // The stances as the stance counts give them (they add up to the insights), not as the share of support among the
  // links: 132 of 143 insights support, 12 of them also contradict, and the share (85%) is of the 155 links.
  const stances = stancesOfProfile(strength);
  return (
    <div className={`strength grade-${strength.grade.toLowerCase()}`} data-testid="strength">
      <p className="grade-line">
        {scope}: <strong className="grade">{GRADE_LABELS[strength.grade]}</strong> confidence, meaning {GRADE_MEANINGS[strength.grade]}.
      </p>
      <p>
        {plural(strength.insights, 'insight')} from {plural(strength.interviews, 'interview')} at {plural(strength.trusts, 'trust')} (
        {plural(strength.roles, 'role')}, {plural(strength.regions, 'region')})
        {stances.total === 0 ? '' : `: ${stances.supporting} supporting, ${stances.contradicting} contradicting, ${stances.mixed} mixed`}; and{' '}
        {plural(strength.sources, 'published source')} ({strength.supportingSources} supporting).
      </p>
      {strength.concerns.length === 0 ? (
        <p>Nothing lowered it: enough evidence, broad, coherent and corroborated.</p>
      ) : (
        <>
          <p>What lowered it:</p>
          <ul>
            {strength.concerns.map((concern) => (
              <li key={concern.component}>
                <strong>{COMPONENT_LABELS[concern.component]}</strong>: {concern.reason} (−{concern.downgrade} {concern.downgrade === 1 ? 'step' : 'steps'})
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="rule">
        Rule: <code>{strength.rule}</code>
      </p>
    </div>
  );
}

const CONCERN_LABELS: Record<ConcernLevel, string> = {
  NO_CONCERNS: 'No concerns',
  MINOR_CONCERNS: 'Minor concerns',
  MODERATE_CONCERNS: 'Moderate concerns',
  SERIOUS_CONCERNS: 'Serious concerns',
};

/**
 * The Summary of Qualitative Findings: per finding its statement, the computed profile (decision support, never
 * called an assessment) and, where a researcher recorded one, the GRADE-CERQual assessment with its explanation.
 */
export function SoqfSection({ findings, provenance, fileStem }: { findings: FindingRowFragment[]; provenance: string[]; fileStem: string }) {
  const assessed = (f: FindingRowFragment) => f.assessment?.confidence;
  return (
    <section aria-labelledby="soqf-heading">
      <h2 id="soqf-heading">Summary of qualitative findings</h2>
      <p className="method">
        "Computed profile (decision support)" is counted from the graph by a documented rule, a suggestion for the review team. Only the "GRADE-CERQual
        assessment" column holds judgements a researcher made.
      </p>
      <SortableTable
        caption="Summary of qualitative findings"
        rows={findings}
        rowKey={(f) => f.findingId}
        table={{ name: `${fileStem}-soqf`, provenance }}
        columns={[
          { header: 'Finding', value: (f) => `${f.determinant.determinantId} ${f.determinant.name}` },
          { header: 'Statement', value: (f) => f.statement ?? 'No statement written yet' },
          { header: 'Computed profile (decision support)', value: (f) => GRADE_LABELS[f.profile.suggestedConfidence] },
          {
            header: 'Methodological limitations',
            value: (f) => `${CONCERN_LABELS[f.profile.methodologicalLimitations.suggestedLevel]}: ${f.profile.methodologicalLimitations.summary}`,
          },
          { header: 'Coherence', value: (f) => `${CONCERN_LABELS[f.profile.coherence.suggestedLevel]}: ${f.profile.coherence.summary}` },
          { header: 'Adequacy', value: (f) => `${CONCERN_LABELS[f.profile.adequacy.suggestedLevel]}: ${f.profile.adequacy.summary}` },
          { header: 'Relevance', value: (f) => `${CONCERN_LABELS[f.profile.relevance.suggestedLevel]}: ${f.profile.relevance.summary}` },
          {
            header: 'GRADE-CERQual assessment',
            value: (f) => {
              const judged = assessed(f);
              if (f.assessment === undefined) return 'Needs the analyst role';
              if (!judged) return 'Not assessed yet';
              return `${GRADE_LABELS[judged.level]}: ${judged.explanation} (${judged.judgedBy}, ${judged.judgedOn}${f.assessment?.reviewNeeded ? '; review needed' : ''}${f.assessment?.illustrative ? '; illustrative' : ''})`;
            },
          },
        ]}
      />
    </section>
  );
}

/** A determinant's finding: its evidence for and against, and the offers that address it. */
export function DeterminantFinding({ subject, strength }: { subject: Extract<Subject, { __typename: 'Determinant' }>; strength: StrengthProfileFragment }) {
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Finding</h2>
      <p className="finding">
        {subject.determinantId} <strong>{subject.name}</strong> ({subject.category}) is a determinant of a successful EPR implementation:{' '}
        {strength.supportingInsights} insights support it and {strength.contradictingInsights} contradict it; {strength.supportingSources} published sources
        support it and {strength.contradictingSources} contradict it. Offers that address it:{' '}
        {subject.supportOffers.length === 0 ? 'none (a gap)' : subject.supportOffers.map((offer) => offer.name).join(', ')}.
      </p>
    </section>
  );
}

type TrailDeterminant = NonNullable<SubjectTrail>['evidence']['determinants'][number];

/** The finding statements of an offer or a decision: one per determinant of the trail, with its evidence for and against. */
export function FindingsSection({ determinants, provenance, fileStem }: { determinants: TrailDeterminant[]; provenance: string[]; fileStem: string }) {
  const statement = (entry: TrailDeterminant) =>
    `${entry.determinant.determinantId} ${entry.determinant.name}: ${entry.supportingInsights} supporting and ${entry.contradictingInsights} contradicting insights, ${entry.sources} published sources.`;
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings: the determinants it rests on</h2>
      <SortableTable
        caption="Findings"
        rows={determinants}
        rowKey={(entry) => entry.determinant.id}
        table={{ name: `${fileStem}-findings`, provenance }}
        columns={[
          { header: 'Determinant', value: (entry) => entry.determinant.determinantId },
          { header: 'Name', value: (entry) => entry.determinant.name },
          { header: 'Supporting insights', value: (entry) => entry.supportingInsights, numeric: true },
          { header: 'Contradicting insights', value: (entry) => entry.contradictingInsights, numeric: true },
          { header: 'Published sources', value: (entry) => entry.sources, numeric: true },
          { header: 'Finding statement', value: statement },
        ]}
      />
    </section>
  );
}
