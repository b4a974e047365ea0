import type { DirectoryReader } from '../../app/ports';

/**
 * The directory reader with `getSubscribedSkus` answering only once `ready` has settled as well — `ready` being the
 * download of the SKU names chunk (loadSkuNames in src/common/licensing), which runs in parallel with the Graph call.
 * So tenant-spo-license always names "Office 365 A1 for faculty (STANDARDWOFFPACK_FACULTY)" when the names could be
 * loaded, whichever arrives first; if they could not, the SKUs are named by their part numbers. Every other member is
 * the reader's own, called on the reader itself.
 */
export function subscriptionsAfter<T extends DirectoryReader>(directory: T, ready: () => Promise<void>): T {
  const getSubscribedSkus: DirectoryReader['getSubscribedSkus'] = () =>
    Promise.all([directory.getSubscribedSkus(), ready().catch(() => undefined)]).then(([skus]) => skus);
  return new Proxy(directory, {
    get(target: T, key: string | symbol): unknown {
      if (key === 'getSubscribedSkus') {
        return getSubscribedSkus;
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
