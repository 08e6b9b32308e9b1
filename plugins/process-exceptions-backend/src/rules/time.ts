const HOUR_MS = 60 * 60 * 1000;

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * HOUR_MS);
}

export function isAfter(a: Date, b: Date): boolean {
  return a.getTime() > b.getTime();
}

export function isAtOrBefore(a: Date, b: Date): boolean {
  return a.getTime() <= b.getTime();
}
