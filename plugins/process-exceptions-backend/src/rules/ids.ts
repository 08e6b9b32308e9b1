import { sha256Hex } from '../lib/sha256Hex';

function uuidFrom(prefix: string, key: string): string {
  const hex = sha256Hex(`${prefix}${key}`);
  // Version and variant bits make it a well-formed name-based UUID, so strict
  // validators and uuid columns accept it.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `5${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** The API id of the exception with this natural key. */
export function exceptionIdFor(naturalKey: string): string {
  return uuidFrom('process-exceptions:exception:', naturalKey);
}

/** The API id of the finding with this natural key. */
export function findingIdFor(naturalKey: string): string {
  return uuidFrom('process-exceptions:finding:', naturalKey);
}
