export { assessTierLimits, buildJobReport, projectTierLimits } from './build';
export { attributeFinished, type AttributionPassInput } from './attribute-pass';
export { ReportInputError, type JobReportInput } from './input';
export { SCATTER_LIMIT } from './tier-accumulator';
export * from './types';
export { csvCell, reportToCsv } from './csv';
export { reportToMarkdown } from './markdown';
export {
  findExecutionGaps,
  gapWarningText,
  type ExecutionGapDay,
  type ExecutionGaps,
  type GapInput,
} from './gaps';
