/**
 * A part of the pane that the bundler emits as its own script (a webpack chunk, loaded with a dynamic `import()`).
 *
 * `load()` starts the download once and hands every caller the same promise; a failed download is forgotten, so the
 * next `load()` (the Retry button) asks again — webpack 5 forgets a failed chunk too and inserts a fresh script tag.
 * `loaded()` answers synchronously once the chunk is in, so a part that was shown once renders without a skeleton.
 */
export interface Chunk<T> {
  /** Starts (or joins) the download; resolves with what the chunk exports for us. */
  load(): Promise<T>;
  /** What the chunk gave, once it has loaded; undefined before. */
  loaded(): T | undefined;
}

export function chunk<T>(importer: () => Promise<T>): Chunk<T> {
  let pending: Promise<T> | undefined;
  let value: { readonly ok: true; readonly value: T } | undefined;
  return {
    load(): Promise<T> {
      if (value) {
        return Promise.resolve(value.value);
      }
      if (!pending) {
        let started: Promise<T>;
        try {
          started = importer();
        } catch (error) {
          started = Promise.reject(error);
        }
        pending = started.then(
          (result: T) => {
            value = { ok: true, value: result };
            return result;
          },
          (error: unknown) => {
            pending = undefined;
            throw error;
          },
        );
      }
      return pending;
    },
    loaded(): T | undefined {
      return value ? value.value : undefined;
    },
  };
}
