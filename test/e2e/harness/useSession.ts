// Mocha wiring: one session per describe block, started before its tests and always disposed after,
// with the failure artifacts of each failing test saved while the session is still alive.
import { Context } from 'mocha';
import { Session, SessionOptions, startSession } from './session';

export interface SessionHandle {
  /** The running session; throws when the session failed to start. */
  (): Session;
}

export function useSession(options: SessionOptions | (() => SessionOptions) = {}): SessionHandle {
  let session: Session | undefined;
  before(async function (this: Context) {
    this.timeout(180_000);
    session = await startSession(typeof options === 'function' ? options() : options);
  });
  afterEach(async function (this: Context) {
    this.timeout(60_000);
    const test = this.currentTest;
    if (session && test && test.state === 'failed') {
      const dir = await session.saveFailure(test.fullTitle());
      console.log(`      artifacts of the failure: ${dir}`);
    }
  });
  after(async function (this: Context) {
    this.timeout(60_000);
    await session?.dispose();
    session = undefined;
  });
  return () => {
    if (!session) throw new Error('the end-to-end session did not start (see the before-all hook error)');
    return session;
  };
}
