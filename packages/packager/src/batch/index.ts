export { runBatch, batchInputs, defaultJobs, readBatchState, writeBatchState, runCountyProcess, BATCH_FILE, type BatchEvent, type BatchOptions, type BatchResult, type BatchState } from './run.js';
export { checkCounty, bundleHash, type CountyPhase, type CountyProgress } from './county.js';
export { readRecord, readRecords, RECORD_FILE, type CountyRecord, type IntegritySummary, type SampleOutcome } from './record.js';
export { writeOverview, overviewTable, overviewHtml, overviewXlsx, integrityText, OVERVIEW_HTML, OVERVIEW_XLSX, type OverviewTable } from './overview.js';
export { createBatchDisplay, type BatchDisplay } from './progress.js';
