export * from './registry.ts';
export * from './acts.ts';
export * from './users.ts';
export * from './audit.ts';
export * from './funds.ts';
export * from './performance.ts';
export * from './regional-funds.ts';
export * from './sign-in.ts';
