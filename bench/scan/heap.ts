/** The client's heap: a forced GC (exposed at run time) and heapUsed sampled every 50 ms while a method runs. */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export function findGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    v8.setFlagsFromString('--expose_gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
export const gc = findGc();

export function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

export class HeapSampler {
  public peak = 0;
  public samples = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  public start(): void {
    this.peak = process.memoryUsage().heapUsed;
    this.timer = setInterval(() => {
      const used = process.memoryUsage().heapUsed;
      this.samples++;
      if (used > this.peak) this.peak = used;
    }, 50);
  }
  public stop(): void {
    if (this.timer) clearInterval(this.timer);
    const used = process.memoryUsage().heapUsed;
    if (used > this.peak) this.peak = used;
  }
}
