/** @jest-environment node */
/**
 * How the long loops give the page a turn (src/migrationList/slices.ts): in a page, through a MessageChannel (nested
 * `setTimeout(0)` is clamped to 4 ms by browsers), elsewhere through `setTimeout(0)`; each waiting loop resumes in order.
 */

describe('macrotask', () => {
  afterEach(() => {
    delete (globalThis as { document?: unknown }).document;
    jest.restoreAllMocks();
  });

  it('outside a page, yields with setTimeout', async () => {
    const timers = jest.spyOn(globalThis, 'setTimeout');
    await jest.isolateModulesAsync(async () => {
      const { macrotask } = await import('../../src/migrationList/slices');
      await macrotask();
    });
    expect(timers).toHaveBeenCalledTimes(1);
  });

  it('in a page, yields through a message channel, no timer, first asked first resumed', async () => {
    (globalThis as { document?: unknown }).document = {};
    const timers = jest.spyOn(globalThis, 'setTimeout');
    const order: string[] = [];
    await jest.isolateModulesAsync(async () => {
      const { macrotask } = await import('../../src/migrationList/slices');
      await Promise.all([macrotask().then(() => order.push('a')), macrotask().then(() => order.push('b')), macrotask().then(() => order.push('c'))]);
      await macrotask();
    });
    expect(order).toEqual(['a', 'b', 'c']);
    expect(timers).not.toHaveBeenCalled();
  });
});
