export * from './model';
export * from './result';
export * from './score';
export * from './evaluate';
export * from './thresholds';
export * from './insights';
export { linearHigher, linearLower, readMetric } from './metricScore';
export * from './presets';
export * from './overrides';
