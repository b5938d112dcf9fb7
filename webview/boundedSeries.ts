// A chart series that stays bounded: new points append; once it holds more than `maxPoints`, the older
// half is thinned (every other point kept), so recent data stays at full resolution and the panel stays
// smooth for hours. Pure, unit-tested.
export type XY = [number, number | null];

export class BoundedSeries {
  private points: XY[] = [];
  /** True when older points were thinned since the last `takeRewritten()` (the chart must be re-set, not appended). */
  private rewritten = false;

  constructor(readonly maxPoints: number) {
    if (!Number.isInteger(maxPoints) || maxPoints < 4) throw new Error(`maxPoints must be an integer ≥ 4, got ${maxPoints}`);
  }

  get data(): readonly XY[] {
    return this.points;
  }

  get length(): number {
    return this.points.length;
  }

  reset(points: XY[]): void {
    this.points = points.slice();
    this.thin();
    this.rewritten = true;
  }

  /** Appends points with increasing x (a repeated or older x replaces / is ignored). */
  append(points: readonly XY[]): void {
    for (const p of points) {
      const last = this.points[this.points.length - 1];
      if (last && p[0] < last[0]) continue;
      if (last && p[0] === last[0]) this.points[this.points.length - 1] = p;
      else this.points.push(p);
    }
    this.thin();
  }

  takeRewritten(): boolean {
    const r = this.rewritten;
    this.rewritten = false;
    return r;
  }

  private thin(): void {
    while (this.points.length > this.maxPoints) {
      // Thin the older half: keep every other point there, keep the newer half intact.
      const half = Math.floor(this.points.length / 2);
      const older: XY[] = [];
      for (let i = 0; i < half; i += 2) older.push(this.points[i]);
      this.points = older.concat(this.points.slice(half));
      this.rewritten = true;
    }
  }
}
