export * from './result';
export * from './settings';
export * from './signals';
export * from './forecast';
export * from './opportunities';
export * from './evaluate';
export {
	readFeatureList,
	readFlag,
	readNumber,
	readUsageHistory,
	type Reading,
	type UsagePoint,
} from './inputs';
