export * from './model';
export * from './successPlan';
export * from './metrics';
export * from './text';
export * from './summary';
export * from './templates';
export * from './view';
export * from './evaluate';
