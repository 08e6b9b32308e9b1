/**
 * Types, constants and permissions shared by the process-exceptions plugins.
 *
 * @packageDocumentation
 */
export * from './client';
export * from './api';
export * from './constants';
export * from './events';
export * from './permissions';
export * from './provenance';
export * from './search';
export * from './types';
