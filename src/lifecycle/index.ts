export * from './stages';
export * from './metrics';
export * from './conditions';
export * from './transitions';
export * from './tenure';
export * from './evaluate';
