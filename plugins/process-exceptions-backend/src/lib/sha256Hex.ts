import { hash } from 'crypto';

/** The SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export const sha256Hex = (text: string): string => hash('sha256', text);
