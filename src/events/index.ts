export * from './catalog';
export * from './signature';
export * from './payload';
export * from './idempotency';
export * from './filter';
export * from './receive';
