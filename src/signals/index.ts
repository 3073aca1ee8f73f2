export * from './rules';
export * from './catalogue';
export * from './custom';
export * from './atRisk';
export * from './snooze';
export * from './cooldown';
export * from './evaluate';
