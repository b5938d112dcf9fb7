// While one of the extension's pickers is open, its tree views neither start a refresh nor answer one under way.
// Why: VS Code's custom tree view ends every refresh by focusing itself again if it had focus when the refresh
// began (TreeView.doRefresh: `if (this.focused) this.focus()`, and `focused` turns false only a timer tick after
// focus has left). Children that reach the workbench right after a picker opened (the extension host answers a
// queued getChildren just after show()) so pull focus back into the tree, and a QuickPick that loses focus
// closes. The Pairs tree refreshes on every bar: with the tree focused (a click in it, then F1), a picker now
// and then closed by itself right after opening (issue 11). No vscode import: tested in plain Node.

export interface Releasable {
  dispose(): void;
}

export class PickerGuard {
  private open = 0;
  private readonly closeListeners = new Set<() => void>();

  get isOpen(): boolean {
    return this.open > 0;
  }

  /** Counts a picker open until the handle is disposed (a second dispose does nothing). */
  hold(): Releasable {
    this.open++;
    let released = false;
    return {
      dispose: () => {
        if (released) return;
        released = true;
        this.open--;
        if (this.open === 0) for (const listener of [...this.closeListeners]) listener();
      },
    };
  }

  /** Runs `show` (a picker, a dialog) counted open from before it is shown until it settles. */
  async during<T>(show: () => Thenable<T>): Promise<T> {
    const held = this.hold();
    try {
      return await show();
    } finally {
      held.dispose();
    }
  }

  /** Called each time the last open picker closes. */
  onDidCloseAll(listener: () => void): Releasable {
    this.closeListeners.add(listener);
    return { dispose: () => this.closeListeners.delete(listener) };
  }

  /**
   * Resolves when no picker is open. It looks only after one turn of the event loop, so that a picker shown in
   * the same turn as the caller (a getChildren request and a command handled together) is seen and waited for.
   */
  async whenClosed(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.open === 0) return;
      await new Promise<void>((resolve) => {
        const subscription = this.onDidCloseAll(() => {
          subscription.dispose();
          resolve();
        });
      });
    }
  }

  /**
   * `fire` as it is while no picker is open; calls made while one is open are merged into one `fire()`
   * (no argument: everything changed) when the last one closes.
   */
  deferWhileOpen<A>(fire: (arg?: A) => void): ((arg?: A) => void) & Releasable {
    let pending = false;
    const subscription = this.onDidCloseAll(() => {
      if (!pending) return;
      pending = false;
      fire();
    });
    const deferred = (arg?: A) => {
      if (this.open > 0) pending = true;
      else fire(arg);
    };
    return Object.assign(deferred, { dispose: () => subscription.dispose() });
  }
}

/** The one guard the extension's pickers (pickers.ts) and tree views share. */
export const openPickers = new PickerGuard();
