/**
 * Appraisal instruments and their question sets, as data: the appraisal model stores answers by question id, so a
 * second instrument (CAMELOT's domains, say) is a new entry here and a new AppraisalInstrument value, no new code.
 */
import type { AppraisalInstrument } from '../../generated/resolvers.js';

export interface QuestionSpec {
  questionId: string;
  number: number;
  text: string;
}

export interface InstrumentSpec {
  instrument: AppraisalInstrument;
  name: string;
  reference: string;
  questions: QuestionSpec[];
}

function questions(prefix: string, texts: string[]): QuestionSpec[] {
  return texts.map((text, i) => ({ questionId: `${prefix}-q${String(i + 1).padStart(2, '0')}`, number: i + 1, text }));
}

export const INSTRUMENTS: Record<AppraisalInstrument, InstrumentSpec> = {
  CASP_QUALITATIVE: {
    instrument: 'CASP_QUALITATIVE',
    name: 'CASP Qualitative Studies Checklist',
    reference: 'Critical Appraisal Skills Programme (CASP), Qualitative Studies Checklist, https://casp-uk.net/casp-tools-checklists/',
    questions: questions('casp', [
      'Was there a clear statement of the aims of the research?',
      'Is a qualitative methodology appropriate?',
      'Was the research design appropriate to address the aims of the research?',
      'Was the recruitment strategy appropriate to the aims of the research?',
      'Was the data collected in a way that addressed the research issue?',
      'Has the relationship between researcher and participants been adequately considered?',
      'Have ethical issues been taken into consideration?',
      'Was the data analysis sufficiently rigorous?',
      'Is there a clear statement of findings?',
      'How valuable is the research?',
    ]),
  },
};

/** The question of an instrument with this id, or undefined. */
export function findQuestion(instrument: AppraisalInstrument, questionId: string): QuestionSpec | undefined {
  return INSTRUMENTS[instrument].questions.find((q) => q.questionId === questionId);
}
