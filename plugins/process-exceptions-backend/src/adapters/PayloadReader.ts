import { isoTime } from '../ingest/eventSchemas';
import { AdapterInputError } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || value.length > 2048) return false;
  try {
    return Boolean(new URL(value));
  } catch {
    return false;
  }
}

/**
 * Typed reads from an untrusted JSON value. Every failure throws an
 * AdapterInputError naming the field by its path in the sender's payload
 * (`customData.reviewer`), which is what the sender can fix.
 *
 * Optional reads treat `undefined`, `null` and blank strings as absent: the
 * formats we read send all three for "no value".
 */
export class PayloadReader {
  private constructor(
    private readonly value: unknown,
    private readonly path: string,
  ) {}

  /** A reader of a whole payload, which must be a JSON object. */
  static of(payload: unknown, what = 'body'): PayloadReader {
    if (!isRecord(payload)) {
      throw new AdapterInputError(`${what} must be a JSON object`);
    }
    return new PayloadReader(payload, '');
  }

  /** A reader of a value found elsewhere, e.g. parsed from a JSON string. */
  static named(value: unknown, path: string): PayloadReader {
    return new PayloadReader(value, path);
  }

  /** The reader of one key, which may hold anything, including nothing. */
  child(key: string): PayloadReader {
    // Own keys only: `constructor` must not find Object's.
    const value =
      isRecord(this.value) &&
      Object.prototype.hasOwnProperty.call(this.value, key)
        ? this.value[key]
        : undefined;
    return new PayloadReader(value, this.nameOf(key));
  }

  /** The reader at a dotted path below this one. */
  at(path: string): PayloadReader {
    return path
      .split('.')
      .reduce<PayloadReader>((reader, key) => reader.child(key), this);
  }

  get raw(): unknown {
    return this.value;
  }

  get isObject(): boolean {
    return isRecord(this.value);
  }

  /** The keys of an object value; none for anything else. */
  keys(): string[] {
    return isRecord(this.value) ? Object.keys(this.value) : [];
  }

  /** The elements of an array value, each as a reader; none otherwise. */
  items(path: string): PayloadReader[] {
    const r = this.at(path);
    return Array.isArray(r.value)
      ? r.value.map((v, i) => new PayloadReader(v, `${r.path}[${i}]`))
      : [];
  }

  nameOf(path: string): string {
    return this.path ? `${this.path}.${path}` : path;
  }

  string(path: string): string {
    const value = this.optionalString(path);
    if (value === undefined) {
      throw new AdapterInputError(`${this.nameOf(path)} is required`);
    }
    return value;
  }

  optionalString(path: string): string | undefined {
    const value = this.at(path).value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      throw new AdapterInputError(`${this.nameOf(path)} must be a string`);
    }
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }

  /** An identifier that senders send as a string or a number. */
  id(path: string): string {
    const value = this.optionalId(path);
    if (value === undefined) {
      throw new AdapterInputError(`${this.nameOf(path)} is required`);
    }
    return value;
  }

  optionalId(path: string): string | undefined {
    const value = this.at(path).value;
    if (typeof value === 'number' && Number.isFinite(value)) {
      return String(value);
    }
    if (value !== undefined && value !== null && typeof value !== 'string') {
      throw new AdapterInputError(
        `${this.nameOf(path)} must be a string or a number`,
      );
    }
    return this.optionalString(path);
  }

  boolean(path: string): boolean {
    const value = this.optionalBoolean(path);
    if (value === undefined) {
      throw new AdapterInputError(`${this.nameOf(path)} is required`);
    }
    return value;
  }

  optionalBoolean(path: string): boolean | undefined {
    const value = this.at(path).value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      throw new AdapterInputError(`${this.nameOf(path)} must be true or false`);
    }
    return value;
  }

  optionalStringArray(path: string): string[] | undefined {
    const value = this.at(path).value;
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
      throw new AdapterInputError(
        `${this.nameOf(path)} must be an array of strings`,
      );
    }
    const list = value.map(v => (v as string).trim()).filter(v => v !== '');
    return [...new Set(list)];
  }

  optionalInteger(path: string): number | undefined {
    const value = this.at(path).value;
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new AdapterInputError(
        `${this.nameOf(path)} must be a whole number, 0 or more`,
      );
    }
    return value;
  }

  /** A URL the sender chose to give us: anything but http(s) is an error. */
  optionalHttpUrl(path: string): string | undefined {
    const value = this.optionalString(path);
    if (value !== undefined && !isHttpUrl(value)) {
      throw new AdapterInputError(
        `${this.nameOf(path)} must be an http(s) URL`,
      );
    }
    return value;
  }

  /**
   * A URI the format defines more loosely than we do (CDEvents allows any URI
   * reference, GitHub sends empty strings): kept only when it is http(s).
   */
  lenientHttpUrl(path: string): string | undefined {
    const value = this.at(path).value;
    return typeof value === 'string' && isHttpUrl(value.trim())
      ? value.trim()
      : undefined;
  }

  /** An ISO 8601 string or epoch milliseconds, within the API's time bounds. */
  time(path: string): Date {
    const value = this.at(path).value;
    const name = this.nameOf(path);
    if (value === undefined || value === null || value === '') {
      throw new AdapterInputError(`${name} is required`);
    }
    let date: Date;
    if (typeof value === 'number') {
      date = new Date(value);
    } else if (typeof value === 'string') {
      date = new Date(value.trim());
    } else {
      throw new AdapterInputError(
        `${name} must be an ISO 8601 time or epoch milliseconds`,
      );
    }
    if (Number.isNaN(date.getTime())) {
      throw new AdapterInputError(
        `${name} must be an ISO 8601 time or epoch milliseconds`,
      );
    }
    if (!isoTime.safeParse(date.toISOString()).success) {
      throw new AdapterInputError(
        `${name} must be a time between 2000-01-01 and one day from now`,
      );
    }
    return date;
  }
}
