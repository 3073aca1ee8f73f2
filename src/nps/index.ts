export * from './segments';
export * from './followUp';
export * from './classify';
export * from './aggregate';
export * from './batch';
export * from './throttle';
