import type { CodeSeverity, Rule } from '../engine/types.js';
import { readerCodeSeverity as readerCodeSeverityIn } from './support/reader-issues.js';
import { rule as layoutFileUnreadable } from './layout/file-unreadable.js';
import { rule as layoutInconsistentCode } from './layout/inconsistent-code.js';
import { rule as layoutMisnamedFile } from './layout/misnamed-file.js';
import { rule as layoutRequiredFiles } from './layout/required-files.js';
import { rule as layoutRootName } from './layout/root-name.js';
import { rule as layoutShapefileParts } from './layout/shapefile-parts.js';
import { rule as layoutUnexpectedFile } from './layout/unexpected-file.js';
import { rule as structureFieldDecimals } from './structure/field-decimals.js';
import { rule as structureFieldExtra } from './structure/field-extra.js';
import { rule as structureFieldLength } from './structure/field-length.js';
import { rule as structureFieldMissing } from './structure/field-missing.js';
import { rule as structureFieldType } from './structure/field-type.js';
import { rule as structureReaderStructure } from './structure/reader-structure.js';
import { rule as structureTableMissing } from './structure/table-missing.js';
import { rule as valuesCodeDomain } from './values/code-domain.js';
import { rule as valuesFormat } from './values/format.js';
import { rule as valuesLength } from './values/length.js';
import { rule as valuesNumberText } from './values/number-text.js';
import { rule as valuesPrecision } from './values/precision.js';
import { rule as valuesRange } from './values/range.js';
import { rule as valuesReaderValue } from './values/reader-value.js';
import { rule as valuesRequired } from './values/required.js';
import { rule as valuesWhitespace } from './values/whitespace.js';
import { rule as metadataReaderMetadata } from './metadata/reader-metadata.js';
import { rule as summaryReaderSummary } from './summary/reader-summary.js';
import { rule as codingFbfbm } from './coding/fbfbm.js';
import { rule as codingCbfbm } from './coding/cbfbm.js';
import { rule as codingDkbm } from './coding/dkbm.js';
import { rule as codingContractCode } from './coding/contract-code.js';
import { rule as codingLzhtbm } from './coding/lzhtbm.js';
import { rule as codingSrfbm } from './coding/srfbm.js';
import { rule as codingLsh } from './coding/lsh.js';
import { rule as codingUnique } from './coding/unique.js';
import { rule as codingBsm } from './coding/bsm.js';
import { rule as codingFbfUnit } from './coding/fbf-unit.js';
import { rule as referencesForeignKey } from './logic/references/foreign-key.js';
import { rule as referencesOrphans } from './logic/references/orphans.js';
import { rule as referencesPrefix } from './logic/references/prefix.js';
import { rule as personsMemberCount } from './logic/persons/member-count.js';
import { rule as personsHouseholdHead } from './logic/persons/household-head.js';
import { rule as personsIdNumber } from './logic/persons/id-number.js';
import { rule as personsSexId } from './logic/persons/sex-id.js';
import { rule as personsDuplicateId } from './logic/persons/duplicate-id.js';
import { rule as personsMemberRemark } from './logic/persons/member-remark.js';
import { rule as personsPhone } from './values/persons/phone.js';
import { rule as contractsAcquisitionWay } from './logic/contracts/acquisition-way.js';
import { rule as contractsTerm } from './logic/contracts/term.js';
import { rule as contractsRegisterAgrees } from './logic/contracts/register-agrees.js';
import { rule as contractsDateChain } from './logic/contracts/date-chain.js';
import { rule as contractsPlotCount } from './logic/contracts/plot-count.js';
import { rule as contractsOriginalContract } from './logic/contracts/original-contract.js';
import { rule as plotsContractedType } from './logic/plots/contracted-type.js';
import { rule as plotsKjzb } from './logic/plots/kjzb.js';
import { rule as signaturesPlaceholder } from './logic/signatures/placeholder.js';
import { rule as contractsTotalArea } from './area/contracts/total-area.js';
import { rule as contractsMuConversion } from './area/contracts/mu-conversion.js';
import { rule as topologyGeometryShape } from './topology/geometry-shape.js';
import { rule as topologyRingStructure } from './topology/ring-structure.js';
import { rule as topologyRingOrientation } from './topology/ring-orientation.js';
import { rule as topologyPolygonValid } from './topology/polygon-valid.js';
import { rule as topologyVertexSpacing } from './topology/vertex-spacing.js';
import { rule as topologySharpAngle } from './topology/sharp-angle.js';
import { rule as topologySliver } from './topology/sliver.js';
import { rule as topologyPlotOverlap } from './topology/plot-overlap.js';
import { rule as topologyPlotSnapping } from './topology/plot-snapping.js';
import { rule as topologyLineFragment } from './topology/line-fragment.js';
import { rule as topologyPointDuplicate } from './topology/point-duplicate.js';
import { rule as topologyJzdPlotVertex } from './topology/jzd-plot-vertex.js';
import { rule as topologyJzdDkbm } from './topology/jzd-dkbm.js';
import { rule as topologyJzdCoordinates } from './topology/jzd-coordinates.js';
import { rule as topologyJzdNumber } from './topology/jzd-number.js';
import { rule as topologyJzxCoverage } from './topology/jzx-coverage.js';
import { rule as topologyJzxEnds } from './topology/jzx-ends.js';
import { rule as topologyJzxDkbm } from './topology/jzx-dkbm.js';
import { rule as topologyKjzbLocation } from './topology/kjzb-location.js';
import { rule as crsProjection } from './crs/projection.js';
import { rule as crsConsistent } from './crs/consistent.js';
import { rule as crsCoordinates } from './crs/coordinates.js';
import { rule as crsReaderCrs } from './crs/reader-crs.js';
import { rule as areaPlotArea } from './area/plot-area.js';
import { rule as topologyPlotRegion } from './topology/plot-region.js';
import { rule as topologyRegionNesting } from './topology/region-nesting.js';
import { rule as topologyRegionFeatures } from './topology/region-features.js';
import { rule as topologySfjbnt } from './topology/sfjbnt.js';
import { rule as topologyPlotGap } from './topology/plot-gap.js';
import { rule as summaryTables } from './summary/tables.js';
import { rule as summaryUnitCodeTable } from './summary/unit-code-table.js';
import { rule as metadataValues } from './metadata/values.js';
import { rule as metadataLayers } from './metadata/layers.js';
import { rule as metadataCrs } from './metadata/crs.js';
import { rule as attachmentsPathMissing } from './attachments/path-missing.js';
import { rule as attachmentsUnreferenced } from './attachments/unreferenced.js';
import { rule as attachmentsIdentityDocument } from './attachments/identity-document.js';

/**
 * The rule catalog, in run order (category order, then id). RULES.md is generated from these metas
 * (rules/catalog-doc.ts); a rule is added by writing its module and listing it here.
 */
export const rules: readonly Rule[] = [
  layoutRootName,
  layoutRequiredFiles,
  layoutShapefileParts,
  layoutMisnamedFile,
  layoutUnexpectedFile,
  layoutInconsistentCode,
  layoutFileUnreadable,
  structureTableMissing,
  structureFieldMissing,
  structureFieldType,
  structureFieldLength,
  structureFieldDecimals,
  structureFieldExtra,
  structureReaderStructure,
  valuesRequired,
  valuesNumberText,
  valuesLength,
  valuesPrecision,
  valuesCodeDomain,
  valuesRange,
  valuesFormat,
  valuesWhitespace,
  valuesReaderValue,
  codingFbfbm,
  codingCbfbm,
  codingDkbm,
  codingContractCode,
  codingLzhtbm,
  codingSrfbm,
  codingLsh,
  codingUnique,
  codingBsm,
  codingFbfUnit,
  referencesForeignKey,
  referencesOrphans,
  referencesPrefix,
  personsMemberCount,
  personsHouseholdHead,
  personsIdNumber,
  personsSexId,
  personsDuplicateId,
  personsMemberRemark,
  personsPhone,
  contractsAcquisitionWay,
  contractsTerm,
  contractsRegisterAgrees,
  contractsDateChain,
  contractsPlotCount,
  contractsOriginalContract,
  plotsContractedType,
  plotsKjzb,
  signaturesPlaceholder,
  contractsTotalArea,
  contractsMuConversion,
  crsProjection,
  crsConsistent,
  crsCoordinates,
  crsReaderCrs,
  topologyGeometryShape,
  topologyRingStructure,
  topologyRingOrientation,
  topologyPolygonValid,
  topologyVertexSpacing,
  topologySharpAngle,
  topologySliver,
  topologyPlotOverlap,
  topologyPlotSnapping,
  topologyPlotGap,
  topologyLineFragment,
  topologyPointDuplicate,
  topologyJzdPlotVertex,
  topologyJzdDkbm,
  topologyJzdCoordinates,
  topologyJzdNumber,
  topologyJzxCoverage,
  topologyJzxEnds,
  topologyJzxDkbm,
  topologyKjzbLocation,
  topologyPlotRegion,
  topologyRegionNesting,
  topologyRegionFeatures,
  topologySfjbnt,
  areaPlotArea,
  summaryTables,
  summaryUnitCodeTable,
  summaryReaderSummary,
  metadataValues,
  metadataLayers,
  metadataCrs,
  metadataReaderMetadata,
  attachmentsPathMissing,
  attachmentsUnreferenced,
  attachmentsIdentityDocument,
] as Rule[];

/** The default severity the catalog gives a reader-issue code (for callers outside a check, such as `build`). */
export function readerCodeSeverity(code: string): CodeSeverity | undefined {
  return readerCodeSeverityIn(code, rules);
}

export function getRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
