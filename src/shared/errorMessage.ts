// The text of anything thrown: an Error's message, else the value as a string (a throw of a string, a
// rejected promise with a plain value). One helper, so every report shows a failure the same way.

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    return String(err);
  } catch {
    // An object whose toString throws or is not a function still gets a report, never a second throw.
    return Object.prototype.toString.call(err);
  }
}
