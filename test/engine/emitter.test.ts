import { strict as assert } from 'assert';
import { Emitter } from '../../src/engine/emitter';

describe('Emitter', () => {
  it('calls listeners in subscription order until each is disposed (disposing twice is harmless)', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    const a = e.on((n) => seen.push(`a${n}`));
    e.on((n) => seen.push(`b${n}`));
    e.emit(1);
    a.dispose();
    a.dispose();
    e.emit(2);
    assert.deepEqual(seen, ['a1', 'b1', 'b2']);
    assert.equal(e.listenerCount, 1);
  });

  it('a listener that throws is reported and the others still run', () => {
    const reported: unknown[] = [];
    const e = new Emitter<string>((err) => reported.push(err));
    const seen: string[] = [];
    e.on(() => {
      throw new Error('view broke');
    });
    e.on((s) => seen.push(s));
    assert.doesNotThrow(() => e.emit('tick'));
    assert.deepEqual(seen, ['tick']);
    assert.equal(reported.length, 1);
    assert.equal((reported[0] as Error).message, 'view broke');
  });

  it('subscribing or disposing during an emit affects the next emit, not the current one', () => {
    const e = new Emitter<number>();
    const seen: string[] = [];
    let late: { dispose(): void } | undefined;
    const first = e.on((n) => {
      seen.push(`first${n}`);
      late ??= e.on((m) => seen.push(`late${m}`));
      second.dispose();
    });
    const second = e.on((n) => seen.push(`second${n}`));
    e.emit(1);
    e.emit(2);
    first.dispose();
    assert.deepEqual(seen, ['first1', 'second1', 'first2', 'late2']);
  });

  it('the same listener subscribed twice runs twice; each subscription disposes one', () => {
    const e = new Emitter<number>();
    let calls = 0;
    const listener = () => void calls++;
    const one = e.on(listener);
    e.on(listener);
    e.emit(0);
    one.dispose();
    e.emit(0);
    assert.equal(calls, 3);
  });

  it('clear drops every listener', () => {
    const e = new Emitter<number>();
    let calls = 0;
    e.on(() => void calls++);
    e.on(() => void calls++);
    e.clear();
    e.emit(1);
    assert.equal(calls, 0);
    assert.equal(e.listenerCount, 0);
  });
});
