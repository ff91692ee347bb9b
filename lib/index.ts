/** The `paylens` package: the catalog's diagnoses, the formats, HAR reading and writing. */
export {
  BACKEND_HEADER,
  type BackendReport,
  backendFindings,
  backendHeaderValue,
  MAX_BACKEND_HEADER,
  readBackendHeader,
} from './backend-header';
export { diagnoseHar, type HarDiagnosis } from './diagnose-har';
export {
  type FormatContext,
  type FormatId,
  formatIds,
  formats,
  type StreamingFormat,
  streamingFormats,
  summarise,
} from './format';
export { type JsonDiagnosis, jsonDiagnosis } from './format/json';
export { type Chunks, HarError, readHar } from './har';
export { exchangeFromEntry } from './har-exchange';
export { harDocument, harEntryOf } from './har-write';
export { createMatcher, type Diagnose, diagnose, type MatcherOptions } from './matcher';
export { createPipeline, type Pipeline } from './pipeline';
export { type Presentation, presentationOf } from './presentation';
export { providerIds, providers } from './providers';
export { matcherOptionsFrom, type Settings, validateSettings } from './settings';
export type * from './types';
