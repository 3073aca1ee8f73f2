export * from './programs';
export * from './model';
export * from './progress';
export * from './evaluate';
