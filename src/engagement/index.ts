export * from './model';
export * from './score';
export * from './evaluate';
export * from './portfolio';
