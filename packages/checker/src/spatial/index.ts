/** Spatial helpers the rules share; exported for benchmarks and later map/GeoJSON export. */
export { loadLayer, layerColumn, provideGeometry, featureRef, toPackage, bboxToPackage, type Feature, type LayerData } from './layer.js';
export type { LayerGeometry } from '../store/layer-geometry.js';
export { adoptFrame, localFrame, type LocalFrame } from './frame.js';
export { heapBytes as geosHeapBytes, initGeos } from './geos.js';
